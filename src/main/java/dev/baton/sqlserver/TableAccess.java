package dev.baton.sqlserver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.baton.sqlserver.SqlUsers.SqlUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whether a user limited to some tables may run a statement. DuckDB parses it ({@code json_serialize_sql}) and
 * every relation in the tree is checked: each table or view named must be one the user may read (views are
 * the interface, so what a view reads inside is not checked), no schema or database but main, and no table
 * function (query(), query_table() and the file readers would read anything). A name that is a CTE of the
 * statement is fine unless a table the user may not read has the same name.
 */
final class TableAccess {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> HARMLESS_FUNCTIONS = Set.of("range", "generate_series", "unnest");

    private TableAccess() {
    }

    /** Null when the user may run it, else why not. */
    static String refusal(SqlUser user, String sql, Connection connection) throws SQLException {
        if (user.readsEverything()) {
            return null;
        }
        String query = StatementPolicy.explained(sql);
        JsonNode tree;
        try (PreparedStatement statement = connection.prepareStatement("select json_serialize_sql(?)")) {
            statement.setString(1, query);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                tree = JSON.readTree(result.getString(1));
            }
        }
        if (tree.path("error").asBoolean(false)) {
            return "user " + user.name() + " may only run queries DuckDB can check table by table: "
                    + tree.path("error_message").asString("").lines().findFirst().orElse("");
        }
        if (tree.path("statements").size() != 1) {
            return "one statement per request";
        }
        Set<String> ctes = new HashSet<>();
        collectCtes(tree, ctes);
        Set<String> existing = null;
        for (JsonNode relation : relations(tree)) {
            String type = relation.path("type").asString("");
            if (type.equals("TABLE_FUNCTION")) {
                String function = relation.path("function").path("function_name").asString("").toLowerCase(Locale.ROOT);
                if (!HARMLESS_FUNCTIONS.contains(function)) {
                    return "user " + user.name() + " may not call the table function " + function + "()";
                }
                continue;
            }
            String table = relation.path("table_name").asString("");
            if (table.isEmpty()) {
                continue;
            }
            String schema = relation.path("schema_name").asString("");
            String catalog = relation.path("catalog_name").asString("");
            if (!catalog.isEmpty() || !(schema.isEmpty() || schema.equalsIgnoreCase("main"))) {
                return "user " + user.name() + " may only read tables of the main schema, not "
                        + (catalog.isEmpty() ? "" : catalog + ".") + schema + "." + table;
            }
            if (user.mayRead(table)) {
                continue;
            }
            if (ctes.contains(table.toLowerCase(Locale.ROOT))) {
                existing = existing == null ? tableNames(connection) : existing;
                if (!existing.contains(table.toLowerCase(Locale.ROOT))) {
                    continue;
                }
            }
            return "user " + user.name() + " may not read " + table + " (allowed: " + String.join(",", user.tables()) + ")";
        }
        return null;
    }

    private static void collectCtes(JsonNode node, Set<String> ctes) {
        if (node.isObject()) {
            JsonNode map = node.path("cte_map").path("map");
            for (JsonNode entry : map) {
                ctes.add(entry.path("key").asString("").toLowerCase(Locale.ROOT));
            }
            for (JsonNode child : node.values()) {
                collectCtes(child, ctes);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                collectCtes(child, ctes);
            }
        }
    }

    /** Every table reference, table function and SHOW/DESCRIBE target anywhere in the tree. */
    private static List<JsonNode> relations(JsonNode root) {
        List<JsonNode> found = new ArrayList<>();
        ArrayDeque<JsonNode> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            if (node.isObject()) {
                String type = node.path("type").asString("");
                if (type.equals("BASE_TABLE") || type.equals("TABLE_FUNCTION") || type.equals("SHOW_REF")) {
                    found.add(node);
                }
                node.values().forEach(todo::push);
            } else if (node.isArray()) {
                node.forEach(todo::push);
            }
        }
        return found;
    }

    private static Set<String> tableNames(Connection connection) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select table_name from duckdb_tables() union all select view_name from duckdb_views()");
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                names.add(result.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
