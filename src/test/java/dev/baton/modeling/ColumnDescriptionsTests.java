package dev.baton.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.baton.cli.BatonCli;
import dev.baton.support.Scenarios;
import dev.baton.warehouse.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Column descriptions beside the models: read, checked against what a model outputs, written as DuckDB comments. */
class ColumnDescriptionsTests {

    @TempDir
    Path project;

    @Test
    void everyShippedCoreMartAndBiModelHasADescriptionFile() {
        // given
        ProjectFiles shipped = new ProjectFiles(Path.of("."));
        ModelCatalog catalog = ModelCatalog.load(shipped);

        // when
        ColumnDescriptions descriptions = ColumnDescriptions.load(shipped, catalog);

        // then
        List<Model> published = catalog.inLayers(ColumnDescriptions.DESCRIBED_LAYERS);
        assertThat(published).hasSizeGreaterThanOrEqualTo(38);
        for (Model model : published) {
            ModelDescription description = descriptions.of(model.name()).orElseThrow();
            assertThat(description.path()).as(model.name()).isEqualTo("sql/" + model.layer() + "/" + model.name() + ".yml");
            assertThat(description.columns()).as(model.name()).isNotEmpty();
        }
        assertThat(descriptions.of("mart_nps_monthly").orElseThrow().columns().get("nps"))
                .isEqualTo("Net Promoter Score, % promoters minus % detractors (-100..100); empty without responses.");
    }

    @Test
    void writesTableAndColumnCommentsAndClearsAnUndescribedColumn() throws Exception {
        // given
        model("marts", "mart_a", "select 1 as thing_id, 2.5 as amount, 'x' as note");
        Files.writeString(project.resolve("sql/marts/mart_a.yml"), """
                description: 'Things: one line each.'
                columns:
                  thing_id: The thing.
                  amount: Amount in USD.
                """);
        // a model test file beside it is another helper's and is not read as descriptions
        Files.writeString(project.resolve("sql/marts/mart_a.test.yml"), "cases: []\n");
        ColumnDescriptions descriptions = load();

        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            statement.execute("create table mart_a as select 1 as thing_id, 2.5 as amount, 'x' as note");
            statement.execute("comment on column mart_a.note is 'stale'");

            // when
            int commented = descriptions.writeComments(connection, List.of("mart_a", "mart_not_built"));

            // then
            assertThat(commented).isEqualTo(1);
            assertThat(rows(connection, "select comment from duckdb_tables() where table_name = 'mart_a'")).containsExactly("Things: one line each.");
            assertThat(rows(connection, "select column_name || '=' || coalesce(comment, '-') from duckdb_columns()"
                    + " where table_name = 'mart_a' order by column_index"))
                    .containsExactly("thing_id=The thing.", "amount=Amount in USD.", "note=-");
            // the audit names the undescribed column, one row per column
            assertThat(rows(connection, auditSql())).containsExactly("mart_a.note");
        }
    }

    @Test
    void writesNothingWhereTheCommentsAreAlreadyTheFilesAndOnlyWhatDiffersElsewhere() throws Exception {
        // given: last night's file, its table commented as described
        model("marts", "mart_a", "select 1 as thing_id, 2.5 as amount");
        Files.writeString(project.resolve("sql/marts/mart_a.yml"), "columns:\n  thing_id: The thing.\n  amount: Amount in USD.\n");
        ColumnDescriptions descriptions = load();
        Path file = project.resolve("night.duckdb");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            connection.createStatement().execute("create table mart_a as select 1 as thing_id, 2.5 as amount");
            descriptions.writeComments(connection, List.of("mart_a"));
        }

        // when: the table is kept; a read-only connection refuses any comment statement, so none may be sent
        try (Connection readOnly = DriverManager.getConnection("jdbc:duckdb:" + file + ";access_mode=READ_ONLY")) {
            // then
            assertThat(descriptions.writeComments(readOnly, List.of("mart_a"))).isEqualTo(1);
        }

        // and when one description changes, it is written; the others stay
        Files.writeString(project.resolve("sql/marts/mart_a.yml"), "columns:\n  thing_id: The thing.\n  amount: Amount in EUR.\n");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            load().writeComments(connection, List.of("mart_a"));
            assertThat(rows(connection, "select column_name || '=' || coalesce(comment, '-') from duckdb_columns()"
                    + " where table_name = 'mart_a' order by column_index"))
                    .containsExactly("thing_id=The thing.", "amount=Amount in EUR.");
            assertThat(rows(connection, "select comment from duckdb_tables() where table_name = 'mart_a'"))
                    .containsExactly("one row per thing (thing_id)");
        }
    }

    @Test
    void aDescriptionOfAColumnTheModelDoesNotOutputNamesTheFileAndColumn() throws Exception {
        // given
        model("core", "fct_a", "select 1 as thing_id");
        Files.writeString(project.resolve("sql/core/fct_a.yml"), "columns:\n  thing_id: The thing.\n  thing_name: Its name.\n");
        ColumnDescriptions descriptions = load();

        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            statement.execute("create table fct_a as select 1 as thing_id");

            // when / then
            assertThatThrownBy(() -> descriptions.writeComments(connection, List.of("fct_a")))
                    .hasMessage("sql/core/fct_a.yml: describes column(s) [thing_name] that model fct_a does not output");
        }
        // and without a description: the table's line is the header's grain
        assertThat(descriptions.of("fct_a").orElseThrow().description()).isEqualTo("one row per thing (thing_id)");
    }

    @Test
    void refusesADescriptionFileForNoModelOrOfAnotherShape() throws Exception {
        // given
        model("core", "fct_a", "select 1 as thing_id");
        Files.writeString(project.resolve("sql/core/fct_b.yml"), "columns:\n  thing_id: The thing.\n");

        // when / then
        assertThatThrownBy(this::load).hasMessageStartingWith("sql/core/fct_b.yml: describes no model");

        Files.delete(project.resolve("sql/core/fct_b.yml"));
        Files.writeString(project.resolve("sql/core/fct_a.yml"), "colums:\n  thing_id: The thing.\n");
        assertThatThrownBy(this::load).hasMessageStartingWith("sql/core/fct_a.yml: expected 'columns:'");

        Files.writeString(project.resolve("sql/core/fct_a.yml"), "columns:\n  thing_id: ''\n");
        assertThatThrownBy(this::load).hasMessage("sql/core/fct_a.yml: column 'thing_id' has an empty description");
    }

    @Test
    void parquetFalseNamesTheTablesKeptOutOfTheExportAndIsRefusedOnAView() throws Exception {
        // given a core table that says parquet: false, one that says nothing, and a bi view
        model("core", "int_a", "select 1 as thing_id");
        model("core", "fct_b", "select 1 as thing_id");
        model("bi", "bi_c", "select 1 as thing_id");
        Files.writeString(project.resolve("sql/core/int_a.yml"), "parquet: false\ncolumns:\n  thing_id: The thing.\n");
        Files.writeString(project.resolve("sql/core/fct_b.yml"), "columns:\n  thing_id: The thing.\n");

        // when / then
        assertThat(load().notExported()).containsExactly("int_a");
        assertThat(load().of("fct_b").orElseThrow().parquet()).isTrue();

        Files.writeString(project.resolve("sql/bi/bi_c.yml"), "parquet: false\ncolumns:\n  thing_id: The thing.\n");
        assertThatThrownBy(this::load).hasMessageStartingWith("sql/bi/bi_c.yml: 'parquet: false' is for a table");
    }

    @Test
    void validateNamesADescriptionFileOfAnotherShape() throws Exception {
        // given
        Path copy = Scenarios.copyProject(project.resolve("copy"));
        Files.writeString(copy.resolve("sql/marts/mart_mrr_bridge.yml"), "columns:\n  closing_mrr:\n");

        // when
        Scenarios.Captured result = Scenarios.capture(() -> BatonCli.execute("validate", "--project-dir", copy.toString()));

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("sql/marts/mart_mrr_bridge.yml: column 'closing_mrr' has an empty description");
    }

    private ColumnDescriptions load() {
        ProjectFiles files = new ProjectFiles(project);
        return ColumnDescriptions.load(files, ModelCatalog.load(files));
    }

    private void model(String layer, String name, String sql) throws IOException {
        Path file = project.resolve("sql").resolve(layer).resolve(name + ".sql");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "/* model: " + name + "\n   grain: one row per thing (thing_id)\n   depends_on: none\n*/\n" + sql + "\n");
    }

    private static String auditSql() throws IOException {
        String audit = Files.readString(Path.of("sql/audits/published_columns__have_descriptions.sql"));
        return "select table_name || '.' || column_name from (" + audit + ") as undescribed";
    }

    private static List<String> rows(Connection connection, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
