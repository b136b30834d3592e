package dev.baton.modeling;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one line a failed model's statement turns into: the model and its file first, and when DuckDB ran out of
 * memory, the limit it ran under and the setting that raises it, instead of DuckDB's page about buffer pools.
 */
final class ModelFailure {

    static final String SETTING = "baton.duckdb.memory-limit";

    private ModelFailure() {
    }

    static SQLException of(Model model, SQLException failure, Connection connection) {
        String where = "model " + model.name() + " (sql/" + model.layer() + "/" + model.name() + ".sql)";
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage().strip();
        if (!message.contains("Out of Memory")) {
            return new SQLException(where + " failed: " + message, failure);
        }
        return new SQLException(where + " ran out of memory under DuckDB's memory_limit of " + memoryLimit(connection)
                + ": raise " + SETTING + " (e.g. -D" + SETTING + "=8GB), or run on a machine with more memory ("
                + message.lines().findFirst().orElse(message) + ")", failure);
    }

    private static String memoryLimit(Connection connection) {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select current_setting('memory_limit')")) {
            return rows.next() ? rows.getString(1) : "unknown";
        } catch (SQLException e) {
            return "unknown";
        }
    }
}
