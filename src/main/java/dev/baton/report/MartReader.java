package dev.baton.report;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads rows from the published warehouse for the report, knowing which tables and columns it has: a RavenStack or
 * vendor night may lack a mart, and a mart may gain a column (such as {@code is_partial_month}) that the report
 * shows when present. Values come out as JSON-ready types: numbers, booleans, strings (dates as ISO text).
 */
final class MartReader {

    private final Connection connection;
    private final Map<String, Set<String>> columns = new HashMap<>();

    MartReader(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select table_name, column_name from duckdb_columns() where schema_name = 'main'")) {
            while (rows.next()) {
                columns.computeIfAbsent(rows.getString(1), table -> new HashSet<>()).add(rows.getString(2));
            }
        }
    }

    boolean hasTable(String table) {
        return columns.containsKey(table);
    }

    boolean hasColumn(String table, String column) {
        return columns.getOrDefault(table, Set.of()).contains(column);
    }

    /** The first of the tables that is missing, or null when all are there. */
    String missing(List<String> tables) {
        return tables.stream().filter(table -> !hasTable(table)).findFirst().orElse(null);
    }

    List<Map<String, Object>> rows(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            ResultSetMetaData metaData = resultSet.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (resultSet.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= metaData.getColumnCount(); i++) {
                    row.put(metaData.getColumnLabel(i), plain(resultSet.getObject(i)));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /**
     * The rows as {@code {"columns": [...], "rows": [[...], ...]}}: the column names once instead of in every row, which
     * keeps the embedded JSON of the account-grain data sets about half as large; the page turns them back into objects.
     */
    Map<String, Object> columnar(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            ResultSetMetaData metaData = resultSet.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                names.add(metaData.getColumnLabel(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (resultSet.next()) {
                List<Object> row = new ArrayList<>(names.size());
                for (int i = 1; i <= names.size(); i++) {
                    row.add(plain(resultSet.getObject(i)));
                }
                rows.add(row);
            }
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("columns", names);
            table.put("rows", rows);
            return table;
        }
    }

    Object value(String sql) throws SQLException {
        List<Map<String, Object>> rows = rows(sql);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    private static Object plain(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.doubleValue();
        }
        if (value instanceof BigInteger integer) {
            return integer.longValue();
        }
        if (value instanceof Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof TemporalAccessor || value instanceof UUID) {
            return value.toString();
        }
        return value;
    }
}
