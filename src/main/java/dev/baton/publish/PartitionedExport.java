package dev.baton.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.baton.modeling.ModelCatalog;
import dev.baton.publish.ParquetExport.FileEntry;
import dev.baton.publish.ParquetExport.TableEntry;
import dev.baton.warehouse.FileLinks;
import dev.baton.warehouse.Sha256;
import dev.baton.warehouse.SqlIdentifiers;

/**
 * A table exported in Hive partitions ({@code <table>/month_start=2024-01-01/data_0.parquet}) of which a night writes
 * only those whose rows changed. Each partition's files carry a fingerprint of its rows (their count and the sum of
 * DuckDB's hash of each row) in the manifest; a partition whose fingerprint is the published version's is hard-linked
 * from it, the others are written by one COPY. A night that changes a month of an account-month table so rewrites
 * that month only.
 */
final class PartitionedExport {

    static final String MONTH = "month_start";
    private static final String ACCOUNT = "account_id";

    private PartitionedExport() {
    }

    /**
     * The partition column and how its values are named: as DuckDB names the Hive folders, {@code cast(column as
     * varchar)}. A DATE column is grouped and filtered as a date (its text is the same day), which spares casting every
     * row of a month-grain table to text on each scan.
     */
    record Key(String name, boolean isDate) {

        Key {
            SqlIdentifiers.require(name);
        }

        String text() {
            return "cast(" + name + " as varchar)";
        }

        String groupBy() {
            return isDate ? name : text();
        }

        /** A condition selecting the rows of these partitions (values as {@link #text} gives them). */
        String in(List<String> values) {
            List<String> literals = values.stream().map(SqlIdentifiers::quoteLiteral).toList();
            return isDate ? name + " in (" + String.join(", ", literals.stream().map(value -> "date " + value).toList()) + ")"
                    : text() + " in (" + String.join(", ", literals) + ")";
        }
    }

    /**
     * The partition column of each exported table: as {@code with.partition_by} declares, and {@code month_start} for
     * every other table whose declared grain is one row per account and month (its grain key holds both columns).
     */
    static Map<String, String> partitionColumns(Map<String, String> declared, ModelCatalog models, List<String> layers) {
        Map<String, String> columns = new LinkedHashMap<>(declared);
        for (String table : models.tablesKeyedBy(layers, ACCOUNT, MONTH)) {
            columns.putIfAbsent(table, MONTH);
        }
        return columns;
    }

    /** Writes the changed partitions, links the unchanged ones from {@code last} (null: writes them all). */
    static List<FileEntry> export(Connection connection, String table, Key column, Path parquetRoot, TableEntry last,
            Path lastParquetRoot) throws SQLException, IOException {
        Map<String, String> fingerprints = fingerprints(connection, table, column);
        Map<String, List<FileEntry>> kept = last == null ? Map.of() : unchanged(last, lastParquetRoot, column.name(), fingerprints);
        List<FileEntry> files = new ArrayList<>();
        for (List<FileEntry> partition : kept.values()) {
            for (FileEntry file : partition) {
                Path target = parquetRoot.resolve(file.path());
                Files.createDirectories(target.getParent());
                FileLinks.linkOrCopy(lastParquetRoot.resolve(file.path()), target);
                files.add(file);
            }
        }
        List<String> written = fingerprints.keySet().stream().filter(value -> !kept.containsKey(value)).toList();
        Path folder = parquetRoot.resolve(table);
        if (!written.isEmpty()) {
            String rows = kept.isEmpty() ? table : "(select * from " + table + " where " + column.in(written) + ")";
            try (Statement statement = connection.createStatement()) {
                statement.execute("copy " + rows + " to " + SqlIdentifiers.quoteLiteral(folder.toString())
                        + " (format parquet, partition_by (" + column.name() + "), write_partition_columns true, overwrite_or_ignore true)");
            }
        }
        List<String> linked = files.stream().map(FileEntry::path).toList();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path file : paths.filter(Files::isRegularFile).sorted().toList()) {
                String path = ParquetExport.relative(parquetRoot, file);
                if (!linked.contains(path)) {
                    // why: a folder name DuckDB escaped finds no fingerprint, and its partition is written again next time
                    String fingerprint = fingerprints.get(partitionValue(path, column.name()));
                    files.add(new FileEntry(path, Files.size(file), Sha256.hex(file), fingerprint));
                }
            }
        }
        files.sort((a, b) -> a.path().compareTo(b.path()));
        return files;
    }

    /** Per partition value (as DuckDB names its folder), the row count and the sum of the rows' hashes. */
    private static Map<String, String> fingerprints(Connection connection, String table, Key column) throws SQLException {
        Map<String, String> fingerprints = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select " + column.text() + ", count(*), "
                        + "cast(sum(cast(hash(exported_row) as hugeint)) as varchar) from " + table + " as exported_row"
                        + " group by " + column.groupBy())) {
            while (rows.next()) {
                fingerprints.put(rows.getString(1), rows.getLong(2) + ":" + rows.getString(3));
            }
        }
        return fingerprints;
    }

    /** The last version's partitions whose every file has tonight's fingerprint and is still there at its size. */
    private static Map<String, List<FileEntry>> unchanged(TableEntry last, Path lastParquetRoot, String column,
            Map<String, String> fingerprints) throws IOException {
        Map<String, List<FileEntry>> byValue = new TreeMap<>();
        for (FileEntry file : last.files()) {
            byValue.computeIfAbsent(partitionValue(file.path(), column), value -> new ArrayList<>()).add(file);
        }
        Map<String, List<FileEntry>> kept = new TreeMap<>();
        for (Map.Entry<String, List<FileEntry>> partition : byValue.entrySet()) {
            String tonight = fingerprints.get(partition.getKey());
            boolean same = tonight != null;
            for (FileEntry file : partition.getValue()) {
                Path source = lastParquetRoot.resolve(file.path()).normalize();
                same = same && tonight.equals(file.fingerprint()) && source.startsWith(lastParquetRoot)
                        && Files.isRegularFile(source) && Files.size(source) == file.bytes();
            }
            if (same) {
                kept.put(partition.getKey(), partition.getValue());
            }
        }
        return kept;
    }

    /** {@code 2024-01-01} from {@code fct_mrr_month/month_start=2024-01-01/data_0.parquet}; null if not partitioned so. */
    private static String partitionValue(String path, String column) {
        for (String part : path.split("/")) {
            if (part.startsWith(column + "=")) {
                return part.substring(column.length() + 1);
            }
        }
        return null;
    }
}
