package dev.baton.modeling;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks that every {@code sorted_by:} names columns its model outputs. The output columns are known only once the
 * SELECT is bound, so the sorted models are built on empty inputs in an in-memory DuckDB, as the model tests build
 * theirs: {@code baton validate} names a misspelt column with the file, before a night fails on it.
 */
public final class SortOrders {

    private SortOrders() {
    }

    public static void check(ModelCatalog catalog) {
        List<Model> sorted = catalog.ordered().stream().filter(model -> !model.sortedBy().isEmpty()).toList();
        if (sorted.isEmpty()) {
            return;
        }
        Set<String> names = new HashSet<>();
        sorted.forEach(model -> names.add(model.name()));
        ModelTestSchema inputs = ModelTestSchema.of(catalog, names);
        try (Connection connection = ModelTestSchema.openInMemory(); Statement statement = connection.createStatement()) {
            ModelTestSchema.addSparkFunctions(connection);
            Set<String> created = new HashSet<>();
            for (Model model : sorted) {
                for (String input : model.dependsOn()) {
                    ModelTestSchema.Table table = inputs.table(input);
                    if (table != null && created.add(input)) {
                        statement.execute(table.createSql());
                    }
                }
                String output = "sorted_" + model.name();
                statement.execute("create table " + output + " as\n" + model.sql());
                Set<String> columns = new LinkedHashSet<>();
                ModelTestSchema.columns(connection, "main", output).forEach(column -> columns.add(column.name()));
                List<String> unknown = new ArrayList<>(model.sortedBy());
                unknown.removeAll(columns);
                if (!unknown.isEmpty()) {
                    throw new IllegalStateException("sql/" + model.layer() + "/" + model.name() + ".sql: sorted_by: names "
                            + unknown + ", which the model does not output (it has " + String.join(", ", columns) + ")");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot build the sorted models on empty inputs: " + e.getMessage(), e);
        }
    }
}
