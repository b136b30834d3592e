package dev.baton.modeling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plans mapping of the models step: which product line each plan belongs to. Upsell (more of a line the
 * account already has) and cross-sell (a line new to the account) are told apart by it; with no mapping every plan
 * is its own line. Plan names are compared as billing writes them; blank names are refused.
 */
record PlanProductLines(Map<String, String> lines) {

    PlanProductLines {
        lines.forEach((plan, line) -> {
            if (plan == null || plan.isBlank() || line == null || line.isBlank()) {
                throw new IllegalStateException("with.product_lines needs a plan name and a product line, got '" + plan + "': '" + line + "'");
            }
        });
        lines = new TreeMap<>(lines);
    }

    /** Replaces the build file's {@code plan_product_line} (its table comes from Flyway); returns the rows written. */
    int writeTo(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("delete from plan_product_line");
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into plan_product_line values (?, ?)")) {
            for (Map.Entry<String, String> entry : lines.entrySet()) {
                insert.setString(1, entry.getKey().trim());
                insert.setString(2, entry.getValue().trim());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return lines.size();
    }
}
