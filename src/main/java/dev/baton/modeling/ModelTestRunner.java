package dev.baton.modeling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.baton.warehouse.DuckDbFiles;

/**
 * Runs model test cases, each in a fresh schema of an in-memory DuckDB with every input of the model created from the real schema
 * ({@link ModelTestSchema}), the case's rows in the inputs it gives (the others empty, a column a row does not give
 * null or its default), the model's SELECT materialised as the night would, and its rows compared with the
 * expected ones ({@link ModelTestDiff}).
 */
final class ModelTestRunner implements AutoCloseable {

    private static final String OUTPUT = "baton_model_test_output";

    private final ModelCatalog catalog;
    private final ModelTestSchema schema;
    /** One in-memory database for all cases, a schema per case: a new DuckDB instance per case costs more than the case. */
    private final Connection connection;
    private int casesRun;

    ModelTestRunner(ModelCatalog catalog, ModelTestSchema schema) {
        this.catalog = catalog;
        this.schema = schema;
        try {
            this.connection = ModelTestSchema.openInMemory();
            ModelTestSchema.addSparkFunctions(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot open an in-memory DuckDB for the model tests: " + e.getMessage(), e);
        }
    }

    /** Runs the case; a problem with the test itself (not the model's result) is a {@link ModelTestProblem}. */
    ModelTestResult run(ModelTestCase testCase) {
        long started = System.nanoTime();
        Model model = model(testCase);
        String caseSchema = "model_test_" + (++casesRun);
        try (Statement statement = connection.createStatement()) {
            statement.execute("create schema " + caseSchema);
            statement.execute("set schema = '" + caseSchema + "'");
            try {
                return run(testCase, model, caseSchema, started);
            } finally {
                statement.execute("set schema = 'main'");
                statement.execute("drop schema " + caseSchema + " cascade");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(testCase.where() + " case '" + testCase.name() + "': " + firstLine(e), e);
        }
    }

    private ModelTestResult run(ModelTestCase testCase, Model model, String caseSchema, long started) throws SQLException {
        for (String input : model.dependsOn()) {
            ModelTestSchema.Table table = schema.table(input);
            if (table == null) {
                throw problem(testCase, testCase.line(), "model " + model.name() + " reads " + input
                        + ", which neither a migration nor a model creates");
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(table.createSql());
            }
        }
        for (Map.Entry<String, List<ModelTestCase.Row>> input : testCase.given().entrySet()) {
            insert(connection, caseSchema, testCase, model, input.getKey(), input.getValue());
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table " + OUTPUT + " as\n" + model.sql());
        } catch (SQLException e) {
            return ModelTestResult.error(testCase, "the model failed: " + firstLine(e), elapsed(started));
        }
        List<ModelTestSchema.Column> columns = ModelTestSchema.columns(connection, caseSchema, OUTPUT);
        List<String> compared = testCase.comparedColumns();
        List<String> names = columns.stream().map(ModelTestSchema.Column::name).toList();
        for (ModelTestCase.Row row : testCase.expect()) {
            for (String column : row.values().keySet()) {
                if (!names.contains(column)) {
                    throw problem(testCase, row.line(), "expect: model " + model.name() + " has no column " + column
                            + " (it has " + String.join(", ", names) + ")");
                }
            }
        }
        List<ModelTestSchema.Column> shown = compared.isEmpty() ? columns
                : compared.stream().map(name -> columns.get(names.indexOf(name))).toList();
        List<Map<String, String>> actual = rows(connection, shown);
        ModelTestDiff diff = ModelTestDiff.compare(testCase, shown, actual);
        return ModelTestResult.of(testCase, diff, elapsed(started));
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot close the model tests' in-memory database: " + e.getMessage(), e);
        }
    }

    private Model model(ModelTestCase testCase) {
        return catalog.ordered().stream().filter(model -> model.name().equals(testCase.model())).findFirst()
                .orElseThrow(() -> problem(testCase, 0, "there is no model " + testCase.model()
                        + " (a test file is named after its model: sql/<layer>/<model>.test.yml)"));
    }

    private static void insert(Connection connection, String caseSchema, ModelTestCase testCase, Model model, String input,
            List<ModelTestCase.Row> rows) throws SQLException {
        if (!model.dependsOn().contains(input)) {
            throw problem(testCase, rows.isEmpty() ? testCase.line() : rows.get(0).line(), "given: model " + model.name()
                    + " does not read " + input + " (depends_on: " + String.join(", ", model.dependsOn()) + ")");
        }
        Map<String, String> types = new LinkedHashMap<>();
        ModelTestSchema.columns(connection, caseSchema, input).forEach(column -> types.put(column.name(), column.type()));
        for (ModelTestCase.Row row : rows) {
            Set<String> unknown = new TreeSet<>(row.values().keySet());
            unknown.removeAll(types.keySet());
            if (!unknown.isEmpty()) {
                throw problem(testCase, row.line(), "given: " + input + " has no column " + String.join(", ", unknown)
                        + " (it has " + String.join(", ", types.keySet()) + ")");
            }
            if (row.values().isEmpty()) {
                throw problem(testCase, row.line(), "given: a row of " + input + " names no column");
            }
            List<String> columns = new ArrayList<>(row.values().keySet());
            // each value bound as text and cast to the column's own type, as the landing contract would read it
            String sql = "insert into " + input + " (" + String.join(", ", columns.stream().map(DuckDbFiles::quoteIdentifier).toList())
                    + ") select " + String.join(", ", columns.stream().map(column -> "cast(? as " + types.get(column) + ")").toList());
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < columns.size(); i++) {
                    statement.setString(i + 1, row.values().get(columns.get(i)));
                }
                statement.executeUpdate();
            } catch (SQLException e) {
                throw problem(testCase, row.line(), "given: a row of " + input + " does not fit its table: " + firstLine(e));
            }
        }
    }

    /** The model's rows, each value as DuckDB writes it as text (null for NULL), in the order it returned them. */
    private static List<Map<String, String>> rows(Connection connection, List<ModelTestSchema.Column> columns) throws SQLException {
        String select = "select " + String.join(", ", columns.stream()
                .map(column -> "cast(" + DuckDbFiles.quoteIdentifier(column.name()) + " as varchar)").toList()) + " from " + OUTPUT;
        List<Map<String, String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(select)) {
            while (result.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    row.put(columns.get(i).name(), result.getString(i + 1));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static ModelTestProblem problem(ModelTestCase testCase, int line, String message) {
        return new ModelTestProblem(testCase.file(), line, testCase.name(), message);
    }

    private static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
