package dev.baton.modeling;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.ProjectFiles.ProjectFile;
import dev.baton.warehouse.SqlIdentifiers;
import dev.baton.warehouse.Transactions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The descriptions of the published models (core, marts, bi), each in a file beside its SQL,
 * {@code sql/<layer>/<model>.yml}: {@code description:} (optional, the table's line) and {@code columns:} (column:
 * one line). They become DuckDB comments on the tables, views and columns, which JDBC tools show as remarks; an
 * audit fails a night that would publish a column without one. Model test files ({@code *.test.yml}) are not read.
 */
public final class ColumnDescriptions {

    /** The layers whose models are published and must describe every column; staging views are internal. */
    public static final List<String> DESCRIBED_LAYERS = List.of("core", "marts", "bi");
    private static final String SUFFIX = ".yml";
    private static final String TEST_SUFFIX = ".test.yml";
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * The file's shape; unknown keys are refused so a misspelt {@code colums:} is not silently ignored.
     * {@code parquet: false} keeps a table out of the Parquet export (it stays in warehouse.duckdb).
     */
    private record DescriptionFile(String description, LinkedHashMap<String, String> columns, Boolean parquet) {
    }

    private final Map<String, ModelDescription> byModel;

    private ColumnDescriptions(Map<String, ModelDescription> byModel) {
        this.byModel = byModel;
    }

    /** Reads every description file; a file for no model, or of another shape, is refused naming the file. */
    public static ColumnDescriptions load(ProjectFiles files, ModelCatalog catalog) {
        Map<String, Model> models = new LinkedHashMap<>();
        catalog.ordered().forEach(model -> models.put(model.name(), model));
        Map<String, ModelDescription> byModel = new LinkedHashMap<>();
        for (ProjectFile file : files.find("sql", SUFFIX)) {
            if (file.fileName().endsWith(TEST_SUFFIX) || file.folder().endsWith("audits")) {
                continue;
            }
            String name = file.fileName().substring(0, file.fileName().length() - SUFFIX.length());
            Model model = models.get(name);
            if (model == null || !file.folder().equals("sql/" + model.layer())) {
                throw new IllegalStateException(file.path() + ": describes no model (expected beside sql/<layer>/" + name + ".sql)");
            }
            byModel.put(name, parse(file, model));
        }
        for (Model model : catalog.ordered()) {
            byModel.computeIfAbsent(model.name(), name -> new ModelDescription(name, model.layer(), "", model.grain(), Map.of(), true));
        }
        return new ColumnDescriptions(byModel);
    }

    private static ModelDescription parse(ProjectFile file, Model model) {
        DescriptionFile parsed;
        try {
            parsed = YAML.readValue(file.text(), DescriptionFile.class);
        } catch (JacksonException e) {
            throw new IllegalStateException(file.path() + ": expected 'columns:' with one 'column: description' line each"
                    + " (and an optional 'description:'): " + e.getOriginalMessage());
        }
        if (parsed == null || parsed.columns() == null) {
            throw new IllegalStateException(file.path() + ": has no 'columns:'");
        }
        Map<String, String> columns = new LinkedHashMap<>();
        parsed.columns().forEach((column, text) -> {
            try {
                SqlIdentifiers.require(column);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(file.path() + ": " + e.getMessage());
            }
            if (text == null || text.isBlank()) {
                throw new IllegalStateException(file.path() + ": column '" + column + "' has an empty description");
            }
            columns.put(column, text.strip());
        });
        String description = parsed.description() == null || parsed.description().isBlank() ? model.grain() : parsed.description().strip();
        if (Boolean.FALSE.equals(parsed.parquet()) && (model.isView() || !DESCRIBED_LAYERS.contains(model.layer()))) {
            throw new IllegalStateException(file.path() + ": 'parquet: false' is for a table of core, marts or bi;"
                    + " model " + model.name() + " is not exported anyway");
        }
        return new ModelDescription(model.name(), model.layer(), file.path(), description, columns,
                !Boolean.FALSE.equals(parsed.parquet()));
    }

    public Optional<ModelDescription> of(String model) {
        return Optional.ofNullable(byModel.get(model));
    }

    /** The models whose description file says {@code parquet: false}, by name. */
    public List<String> notExported() {
        return byModel.values().stream().filter(model -> !model.parquet()).map(ModelDescription::model).sorted().toList();
    }

    /**
     * Writes the descriptions of the described-layer models among {@code names} that exist on this connection as
     * DuckDB comments, and clears the comment of a column that has none (the audit then names it). A description naming
     * a column the model does not output is refused, naming the file and the column.
     * <p>
     * Only the comments that differ from the file are written, all in one transaction: a table created (or replaced)
     * tonight has none, while one kept or rebuilt in part (delete + insert) keeps last night's. One statement and one
     * commit per column cost about 1 s a night at 100k accounts for the day delta, which changes almost none of them.
     *
     * @return how many models were commented (present and described), whether or not a comment had to be written
     */
    public int writeComments(Connection connection, List<String> names) throws SQLException {
        CatalogComments present = CatalogComments.read(connection);
        List<String> statements = new ArrayList<>();
        int commented = 0;
        for (String name : names) {
            ModelDescription model = byModel.get(name);
            CatalogComments.Relation relation = present.relations().get(name);
            if (model == null || !DESCRIBED_LAYERS.contains(model.layer()) || relation == null || relation.columns().isEmpty()) {
                continue;
            }
            List<String> unknown = new ArrayList<>(model.columns().keySet());
            unknown.removeAll(relation.columns().keySet());
            if (!unknown.isEmpty()) {
                throw new IllegalStateException(model.path() + ": describes column(s) " + unknown + " that model " + name
                        + " does not output");
            }
            SqlIdentifiers.require(name);
            if (!model.description().equals(relation.comment())) {
                // a lake table's model is a table, but the build file holds a view over its files
                statements.add("comment on " + (relation.isView() ? "view " : "table ") + name + " is "
                        + SqlIdentifiers.quoteLiteral(model.description()));
            }
            relation.columns().forEach((column, comment) -> {
                String text = model.columns().get(column);
                if (!Objects.equals(text, comment)) {
                    statements.add("comment on column " + name + "." + DuckDbFiles.quoteIdentifier(column) + " is "
                            + (text == null ? "null" : SqlIdentifiers.quoteLiteral(text)));
                }
            });
            commented++;
        }
        inOneTransaction(connection, statements);
        return commented;
    }

    /** Runs the statements as one (a commit each costs more than the statement); within the caller's when it has one open. */
    public static void inOneTransaction(Connection connection, List<String> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        Transactions.Work execute = () -> {
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
        };
        if (connection.getAutoCommit()) {
            Transactions.inOne(connection, true, execute);
        } else {
            // the caller's transaction: it commits them with the rest
            execute.run();
        }
    }
}
