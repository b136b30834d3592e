package dev.baton.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.baton.modeling.ColumnDescriptions;
import dev.baton.publish.ParquetExport.TableEntry;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.SqlIdentifiers;

/**
 * {@code reporting.duckdb}: a small DuckDB file holding only views — one per exported table over that version's
 * Parquet files, plus the BI views — for tools that keep a connection open for days. It holds no data, so no
 * writer ever opens it after publishing; each version has its own, pointing at its own Parquet files.
 */
final class ReportingCatalog {

    private ReportingCatalog() {
    }

    /**
     * Builds a version's catalog again from its manifest and the BI views of its current catalog, e.g. after the
     * warehouse folder moved: the Parquet views name absolute paths.
     */
    static void refresh(DuckDbFiles duckDb, Path version) throws SQLException, IOException {
        Manifest manifest = Manifest.read(version.resolve(PublishedVersions.PARQUET));
        Set<String> parquetViews = manifest.tables().stream().map(TableEntry::table).collect(Collectors.toSet());
        List<String> viewStatements = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> comments;
        // Reading the definitions does not bind them, so views over Parquet files that moved are no obstacle.
        try (Connection connection = DuckDbFiles.openReadOnly(version.resolve(PublishedVersions.REPORTING));
                Statement statement = connection.createStatement();
                ResultSet views = statement.executeQuery(
                        "select view_name, sql from duckdb_views() where not internal and schema_name = 'main' order by view_oid")) {
            while (views.next()) {
                names.add(views.getString(1));
                if (!parquetViews.contains(views.getString(1))) {
                    viewStatements.add(views.getString(2));
                }
            }
            comments = PublishedComments.of(connection, names);
        }
        build(duckDb, version, manifest.tables(), viewStatements, comments);
    }

    /** @param comments the descriptions of the tables and views, written on the views ({@link PublishedComments}) */
    static void build(DuckDbFiles duckDb, Path version, List<TableEntry> tables, List<String> viewStatements, List<String> comments)
            throws SQLException, IOException {
        Path parquet = version.resolve(PublishedVersions.PARQUET).toAbsolutePath();
        Path target = version.resolve(PublishedVersions.REPORTING);
        Path building = version.resolve(PublishedVersions.REPORTING + ".building");
        Files.deleteIfExists(building);
        try (Connection connection = duckDb.openReadWrite(building); Statement statement = connection.createStatement()) {
            List<String> statements = new ArrayList<>();
            for (TableEntry table : tables) {
                Path folder = parquet.resolve(SqlIdentifiers.require(table.table()));
                // Partition columns are inside the files, so the Hive folder names are not needed to read them.
                String files = table.partitionedBy() == null ? folder.resolve(table.table() + ".parquet").toString()
                        : folder + "/*/*.parquet";
                statements.add("create view " + table.table() + " as select * from read_parquet("
                        + SqlIdentifiers.quoteLiteral(files) + ", hive_partitioning = false)");
            }
            statements.addAll(viewStatements);
            statements.addAll(comments);
            // one commit, not one per statement: about 600 of them (mostly column comments) cost 0.5-1 s one by one
            ColumnDescriptions.inOneTransaction(connection, statements);
            statement.execute("checkpoint");
        }
        if (Files.exists(Path.of(building + ".wal"))) {
            throw new IllegalStateException(building + " still has a .wal after checkpoint; not publishing");
        }
        Files.move(building, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
