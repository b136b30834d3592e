package dev.baton.modeling;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tables and views of the main schema with their comments and their columns' comments, read in two catalog queries
 * rather than a few per table: {@link ColumnDescriptions} compares them with the description files and writes only
 * the comments that differ.
 *
 * @param relations by name, in no order
 */
record CatalogComments(Map<String, Relation> relations) {

    /** @param columns the column names in order, each with its comment (null for none) */
    record Relation(String name, boolean isView, String comment, LinkedHashMap<String, String> columns) {
    }

    static CatalogComments read(Connection connection) throws SQLException {
        String here = " where database_name = current_database() and schema_name = 'main'";
        Map<String, Relation> relations = new HashMap<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select table_name, false, comment from duckdb_tables()" + here
                    + " union all select view_name, true, comment from duckdb_views()" + here + " and not internal")) {
                while (rows.next()) {
                    relations.put(rows.getString(1), new Relation(rows.getString(1), rows.getBoolean(2), rows.getString(3),
                            new LinkedHashMap<>()));
                }
            }
            try (ResultSet rows = statement.executeQuery("select table_name, column_name, comment from duckdb_columns()" + here
                    + " order by table_name, column_index")) {
                while (rows.next()) {
                    Relation relation = relations.get(rows.getString(1));
                    if (relation != null) {
                        relation.columns().put(rows.getString(2), rows.getString(3));
                    }
                }
            }
        }
        return new CatalogComments(relations);
    }
}
