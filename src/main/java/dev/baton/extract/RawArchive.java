package dev.baton.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.Sha256;
import dev.baton.warehouse.SqlIdentifiers;

/**
 * The raw archive, {@code <warehouse>/raw/<entity>/load_date=<date>/}: each delivery's rows as read, as Parquet,
 * with personal data already hashed.
 */
final class RawArchive {

    private final Connection connection;
    private final LocalDate runDate;
    private final KeyedHash keyedHash;
    private final Path folder;

    /** @param folder null: nothing is archived */
    RawArchive(Connection connection, LocalDate runDate, KeyedHash keyedHash, Path folder) {
        this.connection = connection;
        this.runDate = runDate;
        this.keyedHash = keyedHash;
        this.folder = folder;
    }

    boolean enabled() {
        return folder != null;
    }

    Path path(LandingContract contract, String sourceFile, String checksum) {
        Path dated = folder.resolve(contract.entity()).resolve("load_date=" + runDate);
        String stem = sourceFile.replaceAll("[^A-Za-z0-9._-]", "_");
        String digest = checksum.startsWith("watermark:") ? Sha256.hex(checksum) : checksum;
        return dated.resolve(stem + "-" + digest.substring(0, 16) + ".parquet");
    }

    /**
     * The delivery's rows as read (text), with file name and checksum; hashed columns are hashed here too, so the
     * archive never holds a raw address. Re-delivering the same bytes on the same date writes the same file. Rows
     * keep the delivery's order without a sort: the readers fill {@code incoming} in line order and DuckDB keeps
     * insertion order.
     */
    Path write(LandingContract contract, String sourceFile, String checksum) throws SQLException {
        if (folder == null) {
            return null;
        }
        Path target = path(contract, sourceFile, checksum);
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + target.getParent(), e);
        }
        StringBuilder replace = new StringBuilder();
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery("select * from incoming limit 0")) {
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                String name = rows.getMetaData().getColumnName(i);
                for (LandingContract.Column column : contract.columns()) {
                    // every column that matches a hashed one, under any spelling, duplicates included
                    if (column.hashed() && HeaderNames.normalise(column.sourceName()).equals(HeaderNames.normalise(name))) {
                        String quoted = DuckDbFiles.quoteIdentifier(name);
                        String hashed = keyedHash == null ? "cast(null as varchar)" : keyedHash.sql("nullif(trim(" + quoted + "), '')");
                        replace.append(replace.isEmpty() ? "" : ", ").append(hashed).append(" as ").append(quoted);
                    }
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("copy (select * " + (replace.isEmpty() ? "" : "replace (" + replace + ") ")
                    + ", " + SqlIdentifiers.quoteLiteral(sourceFile) + " as _source_file, "
                    + SqlIdentifiers.quoteLiteral(checksum) + " as _checksum from incoming) to "
                    + SqlIdentifiers.quoteLiteral(target.toString()) + " (format parquet, compression zstd)");
        }
        return target;
    }
}
