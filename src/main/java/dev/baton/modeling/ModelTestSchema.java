package dev.baton.modeling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.SqlIdentifiers;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The tables a model test fills, taken from the real thing rather than from the test: the fixed schema (landed_*,
 * run_context, ...) from the Flyway migrations, and each model's output columns from building it on empty inputs.
 * A test therefore cannot drift from the schema: a renamed column makes it fail, naming the column.
 * Built once per {@code baton test}, in memory.
 */
final class ModelTestSchema {

    /** A column as the schema has it; {@code type} is DuckDB's name for it, usable in a cast. */
    record Column(String name, String type) {
    }

    /** How to create an input table in a case's database, and its columns. */
    record Table(String name, String createSql, List<Column> columns) {

        List<String> columnNames() {
            return columns.stream().map(Column::name).toList();
        }
    }

    private final Map<String, Table> tables;

    private ModelTestSchema(Map<String, Table> tables) {
        this.tables = tables;
    }

    /** The schema of every input of these models, building the models they read (and what those read) on empty inputs. */
    static ModelTestSchema of(ModelCatalog catalog, Set<String> testedModels) {
        Set<String> needed = new LinkedHashSet<>();
        for (Model model : catalog.ordered()) {
            if (testedModels.contains(model.name())) {
                needed.addAll(model.dependsOn());
            }
        }
        // what the needed models read must exist too: walk the order backwards, adding each needed model's inputs
        List<Model> ordered = catalog.ordered();
        for (int i = ordered.size() - 1; i >= 0; i--) {
            if (needed.contains(ordered.get(i).name())) {
                needed.addAll(ordered.get(i).dependsOn());
            }
        }
        try (Connection connection = openInMemory()) {
            migrate(connection);
            Map<String, String> fixedTables = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("select table_name, sql from duckdb_tables() where schema_name = 'main'")) {
                while (rows.next()) {
                    fixedTables.put(rows.getString(1), rows.getString(2));
                }
            }
            addSparkFunctions(connection);
            Set<String> models = new LinkedHashSet<>();
            try (Statement statement = connection.createStatement()) {
                for (Model model : ordered) {
                    if (needed.contains(model.name())) {
                        // a table even for a view: a case gives a view's rows like any other input's
                        statement.execute("create table " + model.name() + " as\n" + model.sql());
                        models.add(model.name());
                    }
                }
            }
            Map<String, Table> tables = new LinkedHashMap<>();
            for (String name : needed) {
                List<Column> columns = columns(connection, "main", name);
                if (models.contains(name)) {
                    tables.put(name, new Table(name, createTable(name, columns), columns));
                } else if (fixedTables.containsKey(name)) {
                    // the migration's own definition: its NOT NULLs, defaults and checks apply to a test's rows too
                    tables.put(name, new Table(name, fixedTables.get(name), columns));
                }
            }
            return new ModelTestSchema(tables);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot build the models on empty inputs for the model tests: " + e.getMessage(), e);
        }
    }

    /**
     * The warehouse migrations in version order, the scripts Flyway runs on a build file, run here without Flyway:
     * its schema history and its start-up cost (seconds) buy nothing for a database that lives a second.
     */
    private static void migrate(Connection connection) throws SQLException {
        Resource[] scripts;
        try {
            scripts = new PathMatchingResourcePatternResolver().getResources("classpath:db/warehouse/V*__*.sql");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the warehouse migrations", e);
        }
        Arrays.sort(scripts, Comparator.comparingInt(ModelTestSchema::version));
        try (Statement statement = connection.createStatement()) {
            for (Resource script : scripts) {
                try (var in = script.getInputStream()) {
                    statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + script, e);
                }
            }
        }
    }

    private static int version(Resource script) {
        String name = String.valueOf(script.getFilename());
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    /** An input of a tested model, or null when neither a migration nor a model creates it. */
    Table table(String name) {
        return tables.get(name);
    }

    /** An in-memory database, UTC like a night's build file. */
    static Connection openInMemory() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("set autoinstall_known_extensions = false");
            statement.execute("set autoload_known_extensions = false");
            statement.execute("set TimeZone = 'UTC'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    static void addSparkFunctions(Connection connection) throws SQLException {
        ModelStepKind.addSparkFunctions(connection);
    }

    static List<Column> columns(Connection connection, String schema, String table) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (var query = connection.prepareStatement("select column_name, data_type from information_schema.columns"
                + " where table_schema = ? and table_name = ? order by ordinal_position")) {
            query.setString(1, schema);
            query.setString(2, SqlIdentifiers.require(table));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.add(new Column(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return columns;
    }

    private static String createTable(String name, List<Column> columns) {
        List<String> definitions = columns.stream().map(column -> DuckDbFiles.quoteIdentifier(column.name()) + " " + column.type()).toList();
        return "create table " + name + " (" + String.join(", ", definitions) + ")";
    }
}
