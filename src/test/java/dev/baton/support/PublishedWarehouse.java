package dev.baton.support;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a published warehouse the way a dashboard does: read-only JDBC, one connection per question. */
public final class PublishedWarehouse {

    private final Path file;

    public PublishedWarehouse(Path warehouseFolder) {
        this(warehouseFolder, "warehouse.duckdb");
    }

    /** Another DuckDB file of the folder, e.g. a build file. */
    public PublishedWarehouse(Path folder, String fileName) {
        this.file = folder.resolve(fileName);
    }

    public List<Map<String, Object>> rows(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file + ";access_mode=READ_ONLY");
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            ResultSetMetaData metaData = resultSet.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (resultSet.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= metaData.getColumnCount(); i++) {
                    row.put(metaData.getColumnLabel(i), resultSet.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public Map<String, Object> row(String sql) {
        List<Map<String, Object>> rows = rows(sql);
        if (rows.size() != 1) {
            throw new IllegalStateException("expected one row from " + sql + " but got " + rows.size());
        }
        return rows.get(0);
    }

    public long count(String sql) {
        return ((Number) row("select count(*) as n from (" + sql + ") as counted").get("n")).longValue();
    }

    public BigDecimal decimal(String sql) {
        Object value = row(sql).values().iterator().next();
        return value == null ? null : new BigDecimal(value.toString());
    }
}
