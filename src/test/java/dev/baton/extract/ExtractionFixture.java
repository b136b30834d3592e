package dev.baton.extract;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.baton.warehouse.BatonProperties;
import dev.baton.warehouse.BuildFiles;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.StatementLog;
import dev.baton.warehouse.WarehouseLayout;

/** A real build file in a temp warehouse folder, and an {@link Extraction} into it, without Spring. */
final class ExtractionFixture implements AutoCloseable {

    static final String HASH_KEY = "test-key-not-a-secret";

    final WarehouseLayout layout;
    final BuildFiles buildFiles;
    final Connection connection;
    final LocalDate runDate;

    ExtractionFixture(Path warehouse, LocalDate runDate) throws SQLException {
        this(warehouse, runDate, null);
    }

    /** @param statements records every statement sent to the build file, as {@code baton bench} does; may be null */
    ExtractionFixture(Path warehouse, LocalDate runDate, StatementLog statements) throws SQLException {
        this.layout = new WarehouseLayout(warehouse);
        DuckDbFiles duckDb = new DuckDbFiles(new BatonProperties.DuckDb("", 1), layout.tempDir());
        duckDb.recordInto(statements);
        this.buildFiles = new BuildFiles(layout, duckDb);
        this.runDate = runDate;
        Path file = buildFiles.createFresh("nightly", runDate);
        this.connection = duckDb.openReadWrite(file);
        connection.setAutoCommit(false);
    }

    Extraction extraction(double maxQuarantinedShare) {
        return new Extraction(connection, runDate, KeyedHash.fromKey(HASH_KEY), "USD", layout.root().resolve("raw"),
                maxQuarantinedShare, true);
    }

    List<Map<String, Object>> rows(String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    row.put(result.getMetaData().getColumnName(i), result.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("select count(*) from (" + sql + ")")) {
            result.next();
            return result.getLong(1);
        }
    }

    Object value(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getObject(1) : null;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
