package dev.baton.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.baton.warehouse.FileLinks;
import dev.baton.warehouse.Sha256;
import dev.baton.warehouse.SqlIdentifiers;

/**
 * Writes tables as Parquet with DuckDB's COPY: one file per table, or one folder per month
 * ({@code <table>/month_start=2024-01-01/data_0.parquet}, Hive style) for the tables named in
 * {@code with.partition_by}. Partition columns are written into the files too, so an engine that ignores
 * Hive folders still sees every column.
 */
final class ParquetExport {

    private ParquetExport() {
    }

    record ColumnEntry(String name, String type) {
    }

    /** @param fingerprint of a partition's rows ({@link PartitionedExport}); null in a file of a whole table */
    record FileEntry(String path, long bytes, String sha256, String fingerprint) {
    }

    record TableEntry(String table, long rows, List<ColumnEntry> columns, String partitionedBy, List<FileEntry> files) {
    }

    /**
     * Exports a table; a partitioned one writes only the partitions whose rows differ from those of {@code last}
     * (the published version's entry, or null) and links the others ({@link PartitionedExport}).
     */
    static TableEntry export(Connection connection, String table, String partitionColumn, Path parquetRoot, TableEntry last,
            Path lastParquetRoot) throws SQLException, IOException {
        SqlIdentifiers.require(table);
        Path folder = parquetRoot.resolve(table);
        Files.createDirectories(folder);
        List<ColumnEntry> columns = columns(connection, table);
        long rows = count(connection, table);
        // why: a table with no rows has no partition to write, and a reader's glob over the partitions would find no
        // file to take its columns from; it is one file, as the Spark engine's lake writes it
        if (partitionColumn != null && rows > 0) {
            TableEntry comparable = last != null && partitionColumn.equals(last.partitionedBy()) && columns.equals(last.columns())
                    ? last : null;
            boolean isDate = columns.stream().anyMatch(column -> column.name().equals(partitionColumn) && column.type().equals("DATE"));
            List<FileEntry> files = PartitionedExport.export(connection, table, new PartitionedExport.Key(partitionColumn, isDate),
                    parquetRoot, comparable, lastParquetRoot);
            return new TableEntry(table, rows, columns, partitionColumn, files);
        }
        Path file = folder.resolve(table + ".parquet");
        try (Statement statement = connection.createStatement()) {
            statement.execute("copy " + table + " to " + SqlIdentifiers.quoteLiteral(file.toString()) + " (format parquet)");
        }
        return new TableEntry(table, rows, columns, null,
                List.of(new FileEntry(relative(parquetRoot, file), Files.size(file), Sha256.hex(file), null)));
    }

    static String relative(Path parquetRoot, Path file) {
        return parquetRoot.relativize(file).toString().replace('\\', '/');
    }

    /**
     * Gives this version the files the last one exported of a table whose rows did not change, as hard links (a
     * copy where the file system has none): Parquet files are never written again once published.
     *
     * @return the last export's entry, or null when a file is missing or its size is not the one listed
     */
    static TableEntry reuse(TableEntry last, Path lastParquetRoot, Path parquetRoot) throws IOException {
        for (FileEntry file : last.files()) {
            Path source = lastParquetRoot.resolve(file.path()).normalize();
            if (!source.startsWith(lastParquetRoot) || !Files.isRegularFile(source) || Files.size(source) != file.bytes()) {
                return null;
            }
        }
        for (FileEntry file : last.files()) {
            Path target = parquetRoot.resolve(file.path());
            Files.createDirectories(target.getParent());
            FileLinks.linkOrCopy(lastParquetRoot.resolve(file.path()), target);
        }
        return last;
    }

    static String partitionColumn(Map<String, String> partitionBy, String table) {
        String column = partitionBy.get(table);
        return column == null ? null : SqlIdentifiers.require(column);
    }

    static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static List<ColumnEntry> columns(Connection connection, String table) throws SQLException {
        List<ColumnEntry> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "select column_name, data_type from duckdb_columns() where table_name = ? and schema_name = 'main' order by column_index")) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(new ColumnEntry(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return columns;
    }
}
