package dev.baton.modeling;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.baton.warehouse.SqlIdentifiers;

/** The statements of the model build, on the build file's connection; a failing one names the model it was for. */
final class BuildSql {

    private final Connection connection;

    BuildSql(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    void execute(String sql, Model model) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw ModelFailure.of(model, e, connection);
        }
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Every value of every row, row by row, as text. */
    List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int column = 1; column <= columns; column++) {
                    values.add(String.valueOf(rows.getObject(column)));
                }
            }
        }
        return values;
    }

    long count(String select) throws SQLException {
        return Long.parseLong(strings("select count(*) from (" + select + ")").get(0));
    }

    boolean hasColumn(String table, String column) throws SQLException {
        return !strings("select 1 from duckdb_columns() where schema_name = 'main' and table_name = " + SqlIdentifiers.quoteLiteral(table)
                + " and column_name = " + SqlIdentifiers.quoteLiteral(column)).isEmpty();
    }
}
