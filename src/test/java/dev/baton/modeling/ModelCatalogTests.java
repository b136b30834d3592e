package dev.baton.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.baton.warehouse.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTests {

    @TempDir
    Path project;

    private void model(String layer, String name, String dependsOn, String sql) throws IOException {
        Path file = project.resolve("sql").resolve(layer).resolve(name + ".sql");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "/* model: " + name + "\n   grain: one row per thing (thing_id)\n   depends_on: " + dependsOn
                + "\n*/\n" + sql + "\n");
    }

    @Test
    void ordersModelsAfterWhatTheyRead() throws IOException {
        model("marts", "mart_b", "fct_a", "select * from fct_a");
        model("core", "fct_a", "stg_a", "select * from stg_a");
        model("staging", "stg_a", "landed_a", "select * from landed_a");

        ModelCatalog catalog = ModelCatalog.load(new ProjectFiles(project));

        assertThat(catalog.ordered()).extracting(Model::name).containsExactly("stg_a", "fct_a", "mart_b");
        assertThat(catalog.ordered().get(0).isView()).isTrue();
        assertThat(catalog.ordered().get(1).keyColumns()).containsExactly("thing_id");
    }

    @Test
    void refusesAModelThatReadsAnUndeclaredModel() throws IOException {
        model("staging", "stg_a", "landed_a", "select * from landed_a");
        model("core", "fct_a", "landed_a", "select * from stg_a join landed_a using (id)");

        assertThatThrownBy(() -> ModelCatalog.load(new ProjectFiles(project)))
                .hasMessageContaining("model fct_a reads [stg_a] but depends_on does not list it");
    }

    @Test
    void refusesACycle() throws IOException {
        model("core", "fct_a", "fct_b", "select * from fct_b");
        model("core", "fct_b", "fct_a", "select * from fct_a");

        assertThatThrownBy(() -> ModelCatalog.load(new ProjectFiles(project))).hasMessageContaining("cycle: fct_a -> fct_b -> fct_a");
    }

    @Test
    void refusesAHeaderWithoutGrainNamingTheFile() throws IOException {
        Path file = project.resolve("sql/core/fct_a.sql");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "/* model: fct_a\n   depends_on: landed_a\n*/\nselect * from landed_a\n");

        assertThatThrownBy(() -> ModelCatalog.load(new ProjectFiles(project)))
                .hasMessage("sql/core/fct_a.sql: header line 'grain:' is missing");
    }

    @Test
    void incrementalByIsTheAccountOrTheGrainsOwnKey() throws IOException {
        Path file = project.resolve("sql/core/fct_a.sql");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "/* model: fct_a\n   grain: one row per deal (deal_id)\n   depends_on: landed_a\n"
                + "   incremental_by: account_id\n*/\nselect * from landed_a\n");
        assertThat(ModelCatalog.load(new ProjectFiles(project)).ordered().get(0).perAccount()).isTrue();

        Files.writeString(file, "/* model: fct_a\n   grain: one row per deal (deal_id)\n   depends_on: landed_a\n"
                + "   incremental_by: deal_id\n*/\nselect * from landed_a\n");
        Model byDeal = ModelCatalog.load(new ProjectFiles(project)).ordered().get(0);
        assertThat(byDeal.perKey()).isTrue();
        assertThat(byDeal.perAccount()).isFalse();

        Files.writeString(file, "/* model: fct_a\n   grain: one row per deal (deal_id)\n   depends_on: landed_a\n"
                + "   incremental_by: owner\n*/\nselect * from landed_a\n");
        assertThatThrownBy(() -> ModelCatalog.load(new ProjectFiles(project)))
                .hasMessage("sql/core/fct_a.sql: incremental_by: is account_id or the grain's single key column (deal_id), got 'owner'");
    }

    @Test
    void recomputeFromMonthNamesAGrainKeyColumnOfAModelWithoutIncrementalBy() throws IOException {
        model("core", "fct_a", "landed_a", "select * from landed_a");
        Path file = project.resolve("sql/marts/mart_a.sql");
        Files.createDirectories(file.getParent());
        String header = "/* model: mart_a\n   grain: one row per month (month)\n   depends_on: fct_a\n";

        Files.writeString(file, header + "   recompute_from_month: month\n*/\nselect * from fct_a\n");
        Model mart = ModelCatalog.load(new ProjectFiles(project)).ordered().stream().filter(model -> model.name().equals("mart_a"))
                .findFirst().orElseThrow();
        assertThat(mart.recomputeFromMonth()).isEqualTo("month");
        assertThat(mart.monthColumn()).isEqualTo("month");

        Files.writeString(file, header + "   recompute_from_month: month_start\n*/\nselect * from fct_a\n");
        assertThatThrownBy(() -> ModelCatalog.load(new ProjectFiles(project))).hasMessage("sql/marts/mart_a.sql: recompute_from_month:"
                + " names a key column of the grain (the month a row belongs to), for a model without incremental_by; got 'month_start'");
    }

    @Test
    void aBiModelIsATableSortedAsItsHeaderSaysAndAViewOtherwise() throws IOException {
        model("core", "fct_a", "landed_a", "select * from landed_a");
        model("bi", "bi_view", "fct_a", "select * from fct_a");
        Path file = project.resolve("sql/bi/bi_table.sql");
        Files.writeString(file, "/* model: bi_table\n   grain: one row per thing and month (thing_id, month)\n   depends_on: fct_a\n"
                + "   materialized: table\n   sorted_by: month, thing_id\n*/\nselect * from fct_a limit 10\n");

        ModelCatalog catalog = ModelCatalog.load(new ProjectFiles(project));

        assertThat(catalog.viewsInLayers(List.of("bi"))).containsExactly("bi_view");
        assertThat(catalog.tablesInLayers(List.of("bi"))).containsExactly("bi_table");
        Model table = catalog.ordered().stream().filter(model -> model.name().equals("bi_table")).findFirst().orElseThrow();
        assertThat(table.sortedBy()).containsExactly("month", "thing_id");
        // the model's own limit stays inside: the order applies to the rows it returns
        assertThat(table.tableSql()).isEqualTo("select * from (\nselect * from fct_a limit 10\n) as model_rows\norder by month, thing_id");
    }

    @Test
    void refusesAMaterializationOrSortOrderThatCannotApply() throws IOException {
        model("core", "fct_a", "landed_a", "select * from landed_a");
        Path file = project.resolve("sql/bi/bi_a.sql");
        Files.createDirectories(file.getParent());
        String header = "/* model: bi_a\n   grain: one row per thing (thing_id)\n   depends_on: fct_a\n";

        Files.writeString(file, header + "   sorted_by: thing_id\n*/\nselect * from fct_a\n");
        assertThatThrownBy(() -> ModelCatalog.load(new ProjectFiles(project))).hasMessage("sql/bi/bi_a.sql: sorted_by: orders the"
                + " rows of a table; this model is a view (a bi model says materialized: table)");

        Files.writeString(file, header + "   materialized: tabel\n*/\nselect * from fct_a\n");
        assertThatThrownBy(() -> ModelCatalog.load(new ProjectFiles(project)))
                .hasMessage("sql/bi/bi_a.sql: materialized: is view or table, got 'tabel'");

        Files.writeString(file, header + "   materialized: table\n   sorted_by: thing_id, Month\n*/\nselect * from fct_a\n");
        assertThatThrownBy(() -> ModelCatalog.load(new ProjectFiles(project))).hasMessageStartingWith("sql/bi/bi_a.sql: sorted_by: ")
                .hasMessageContaining("'Month'");

        Files.delete(file);
        Path core = project.resolve("sql/core/fct_a.sql");
        Files.writeString(core, "/* model: fct_a\n   grain: one row per thing (thing_id)\n   depends_on: landed_a\n"
                + "   materialized: view\n*/\nselect * from landed_a\n");
        assertThatThrownBy(() -> ModelCatalog.load(new ProjectFiles(project))).hasMessage("sql/core/fct_a.sql: materialized: is for"
                + " bi models only (staging models are views, core and marts tables)");
    }

    @Test
    void grainWithoutParenthesesHasNoKey() {
        assertThat(Model.keyColumnsOf("one row per account per month (account_id, month_start)"))
                .containsExactly("account_id", "month_start");
        assertThat(Model.keyColumnsOf("one row per thing")).isEmpty();
    }
}
