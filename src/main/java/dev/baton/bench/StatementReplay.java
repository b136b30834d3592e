package dev.baton.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.baton.warehouse.BatonProperties;
import dev.baton.warehouse.BuildFiles;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.StatementLog;
import dev.baton.warehouse.StatementLog.Closed;
import dev.baton.warehouse.StatementLog.Executed;
import dev.baton.warehouse.StatementLog.Opened;
import dev.baton.warehouse.StatementLog.Transaction;
import dev.baton.warehouse.WarehouseLayout;

/**
 * The engine's floor for exactly the pipeline's SQL: every statement a night sent to its build file (extract, models,
 * audits, Parquet export), replayed in order, on the same connections, straight through JDBC into a warehouse folder
 * of its own, with nothing else around it: no Spring Batch, no run history, no Java between the statements (file
 * checksums, the reporting catalog, the report). The night's time over this is what orchestration costs.
 */
public final class StatementReplay {

    private StatementReplay() {
    }

    public static NightReport run(StatementLog log, Path folder, String jobName, LocalDate runDate, long inputRows,
            BatonProperties properties) throws Exception {
        String from = log.root().toString();
        String to = folder.toAbsolutePath().normalize().toString();
        Pattern pathLiteral = Pattern.compile("'(" + Pattern.quote(to) + "[^']*)'");
        WarehouseLayout layout = new WarehouseLayout(folder);
        DuckDbFiles duckDb = new DuckDbFiles(properties.duckdb(), layout.tempDir());
        List<StatementLog.Entry> entries = log.entries();
        long started = System.nanoTime();
        double cpuStarted = ProcessUsage.processCpuSeconds();
        // the empty build file the night started from (Flyway's schema), as the night made it
        new BuildFiles(layout, duckDb).createFresh(jobName, runDate);
        Map<Integer, Connection> open = new HashMap<>();
        int statements = 0;
        try {
            for (StatementLog.Entry entry : entries) {
                if (entry instanceof Opened opened) {
                    open.put(opened.connection(), duckDb.openReadWrite(Path.of(opened.file().toString().replace(from, to))));
                } else if (entry instanceof Closed closed) {
                    Connection connection = open.remove(closed.connection());
                    if (connection != null) {
                        connection.close();
                    }
                } else if (entry instanceof Transaction transaction) {
                    Connection connection = open.get(transaction.connection());
                    switch (transaction.action()) {
                        case "setAutoCommit" -> connection.setAutoCommit(transaction.autoCommit());
                        case "commit" -> connection.commit();
                        default -> connection.rollback();
                    }
                } else if (entry instanceof Executed executed) {
                    String sql = executed.sql().replace(from, to);
                    createFoldersFor(sql, pathLiteral);
                    execute(open.get(executed.connection()), sql, executed.values(), from, to);
                    statements++;
                }
            }
        } finally {
            for (Connection connection : open.values()) {
                connection.close();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new NightReport("engine floor (" + statements + " statements replayed)", inputRows, seconds,
                ProcessUsage.processCpuSeconds() - cpuStarted, List.of(new StepTiming("replay", inputRows, seconds)));
    }

    /** COPY writes into folders the pipeline's Java created beforehand. */
    private static void createFoldersFor(String sql, Pattern pathLiteral) throws Exception {
        Matcher matcher = pathLiteral.matcher(sql);
        while (matcher.find()) {
            Path path = Path.of(matcher.group(1));
            Files.createDirectories(sql.contains("partition_by") ? path : path.getParent());
        }
    }

    private static void execute(Connection connection, String sql, Map<Integer, Object> values, String from, String to)
            throws SQLException {
        try {
            if (values.isEmpty()) {
                try (Statement statement = connection.createStatement()) {
                    if (statement.execute(sql)) {
                        drain(statement.getResultSet());
                    }
                }
                return;
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Map.Entry<Integer, Object> value : values.entrySet()) {
                    if (value.getValue() == StatementLog.NULL) {
                        statement.setObject(value.getKey(), null);
                    } else if (value.getValue() instanceof String text) {
                        statement.setString(value.getKey(), text.replace(from, to));
                    } else {
                        statement.setObject(value.getKey(), value.getValue());
                    }
                }
                if (statement.execute()) {
                    drain(statement.getResultSet());
                }
            }
        } catch (SQLException e) {
            throw new SQLException("replaying " + sql + ": " + e.getMessage(), e);
        }
    }

    private static void drain(ResultSet rows) throws SQLException {
        try (rows) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int column = 1; column <= columns; column++) {
                    rows.getObject(column);
                }
            }
        }
    }
}
