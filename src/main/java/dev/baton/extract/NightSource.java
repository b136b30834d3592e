package dev.baton.extract;

/** One source of a several-source night ({@code with.sources}): a mapping over a folder's files, or a database. */
sealed interface NightSource permits MappedFolder, NightSource.Database {

    /** A JDBC source read like {@code with.jdbc}: rows changed since its stored watermark. */
    record Database(JdbcSource source) implements NightSource {
    }
}
