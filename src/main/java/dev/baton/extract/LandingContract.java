package dev.baton.extract;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.baton.warehouse.SqlIdentifiers;

/**
 * One entity's part of the landing contract, read from its {@code landed_<entity>} table definition
 * (Flyway's V1 script), so the contract is written down once, as DDL.
 */
record LandingContract(String entity, List<Column> columns, List<Rule> rules) {

    /** A contract column; {@code required} comes from NOT NULL. */
    record Column(String name, String type, boolean required) {

        boolean isText() {
            return type.equals("VARCHAR");
        }

        String expectation() {
            if (type.equals("DATE")) {
                return "a date (YYYY-MM-DD)";
            }
            if (type.startsWith("TIMESTAMP")) {
                return "an ISO-8601 timestamp";
            }
            if (type.startsWith("DECIMAL")) {
                return "a decimal number";
            }
            if (type.equals("INTEGER") || type.equals("BIGINT")) {
                return "a whole number";
            }
            if (type.equals("BOOLEAN")) {
                return "true or false";
            }
            return "a " + type;
        }
    }

    /** A CHECK constraint: rows whose typed values make it false are quarantined with it as the reason. */
    record Rule(String expression, String column) {
    }

    String table() {
        return "landed_" + entity;
    }

    List<Column> requiredColumns() {
        return columns.stream().filter(Column::required).toList();
    }

    static LandingContract read(Connection connection, String entity) throws SQLException {
        String table = "landed_" + SqlIdentifiers.require(entity);
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select column_name, data_type, is_nullable
                from duckdb_columns()
                where table_name = ? and schema_name = 'main' and column_name not like '\\_%' escape '\\'
                order by column_index""")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(new Column(rows.getString(1), rows.getString(2), !rows.getBoolean(3)));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("Unknown entity '" + entity + "': the landing contract has no table " + table);
        }
        List<Rule> rules = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select expression, constraint_column_names[1]
                from duckdb_constraints()
                where table_name = ? and schema_name = 'main' and constraint_type = 'CHECK'
                order by constraint_index""")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    rules.add(new Rule(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return new LandingContract(entity, List.copyOf(columns), List.copyOf(rules));
    }
}
