package dev.baton.extract;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.baton.warehouse.LandedTables;
import dev.baton.warehouse.SqlIdentifiers;

/**
 * One entity's part of the landing contract, read from its {@code landed_<entity>} table definition
 * (Flyway's V1 script), so the contract is written down once, as DDL.
 */
record LandingContract(String entity, List<Column> columns, List<Rule> rules) {

    private static final String HASH_COMMENT = "hmac-sha256 of ";

    /**
     * A contract column; {@code required} comes from NOT NULL, {@code key} and {@code hashOf} from the column
     * comment ('natural key', 'hmac-sha256 of requester_email'), {@code freeText} from 'free text': the only columns
     * whose CSV values may span lines.
     */
    record Column(String name, String type, boolean required, boolean key, String hashOf, boolean freeText) {

        /** The column name a delivery carries: the source column of a hashed column, otherwise the name itself. */
        String sourceName() {
            return hashOf == null ? name : hashOf;
        }

        boolean hashed() {
            return hashOf != null;
        }

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
        return LandedTables.of(entity);
    }

    List<Column> requiredColumns() {
        return columns.stream().filter(Column::required).toList();
    }

    /** The natural key plus updated_at when the entity has one: two rows with the same version are one row. */
    List<String> versionKey() {
        List<String> key = new ArrayList<>(columns.stream().filter(Column::key).map(Column::name).toList());
        if (columns.stream().anyMatch(column -> column.name().equals("updated_at"))) {
            key.add("updated_at");
        }
        return key;
    }

    List<String> naturalKey() {
        return columns.stream().filter(Column::key).map(Column::name).toList();
    }

    boolean hasFreeText() {
        return columns.stream().anyMatch(Column::freeText);
    }

    boolean hasHashedColumns() {
        return columns.stream().anyMatch(Column::hashed);
    }

    static LandingContract read(Connection connection, String entity) throws SQLException {
        String table = LandedTables.of(entity);
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select column_name, data_type, is_nullable, coalesce(comment, '')
                from duckdb_columns()
                where table_name = ? and schema_name = 'main' and column_name not like '\\_%' escape '\\'
                order by column_index""")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String comment = rows.getString(4);
                    String hashOf = comment.startsWith(HASH_COMMENT)
                            ? SqlIdentifiers.require(comment.substring(HASH_COMMENT.length()).trim()) : null;
                    columns.add(new Column(rows.getString(1), rows.getString(2), !rows.getBoolean(3),
                            comment.equals("natural key"), hashOf, comment.equals("free text")));
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
