package dev.baton.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.baton.modeling.ColumnDescriptions;
import dev.baton.modeling.LakeTables;
import dev.baton.modeling.LakeTables.LakeTable;
import dev.baton.publish.ParquetExport.FileEntry;
import dev.baton.publish.ParquetExport.TableEntry;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.FileLinks;
import dev.baton.warehouse.Sha256;

/**
 * The tables an engine left in the Parquet lake ({@link LakeTables}): their files are already laid out as this step
 * exports, so they are hard-linked into the version's {@code parquet/} (copied where the file system has no links)
 * rather than written again, and the version's {@code warehouse.duckdb} gets views over those linked files.
 */
final class LakeLinks {

    private LakeLinks() {
    }

    /** Links the lake table's Parquet files under {@code parquetRoot/<table>/} and lists them as an export would. */
    static TableEntry link(Connection connection, LakeTable table, Path parquetRoot) throws SQLException, IOException {
        Path lake = table.folder().toAbsolutePath();
        List<FileEntry> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(lake)) {
            // only the data files: Hadoop's local file system leaves .crc checksums beside them
            for (Path source : paths.filter(Files::isRegularFile).filter(LakeLinks::isDataFile).sorted().toList()) {
                Path target = parquetRoot.resolve(table.table()).resolve(lake.relativize(source).toString());
                Files.createDirectories(target.getParent());
                FileLinks.linkOrCopy(source, target);
                // no fingerprint: the next night's export writes these partitions again rather than compare them
                files.add(new FileEntry(ParquetExport.relative(parquetRoot, target), Files.size(target), Sha256.hex(target), null));
            }
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("the lake folder " + lake + " of " + table.table() + " holds no Parquet file");
        }
        return new TableEntry(table.table(), ParquetExport.count(connection, table.table()),
                ParquetExport.columns(connection, table.table()), table.partitionedBy(), files);
    }

    /**
     * Points the version's lake views at its own linked files, so the published {@code warehouse.duckdb} does not
     * depend on the work folder the engine wrote in; written before the version is switched to, while no reader has it.
     */
    static void repoint(DuckDbFiles duckDb, Path database, Path parquetRoot, List<LakeTable> tables, List<String> comments)
            throws SQLException, IOException {
        try (Connection connection = duckDb.openReadWrite(database); Statement statement = connection.createStatement()) {
            for (LakeTable table : tables) {
                LakeTables.createView(statement, table.under(parquetRoot.toAbsolutePath()));
            }
            // a replaced view has lost its comments
            ColumnDescriptions.inOneTransaction(connection, comments);
            statement.execute("checkpoint");
        }
        if (Files.exists(Path.of(database + ".wal"))) {
            throw new IllegalStateException(database + " still has a .wal after checkpoint; not publishing");
        }
    }

    private static boolean isDataFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".parquet") && !name.startsWith(".") && !name.startsWith("_");
    }
}
