package dev.baton.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import dev.baton.cli.BatonCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A night on the DuckDB engine on top of a warehouse a Spark night published, where the facts are views over the lake
 * and {@code lake_tables} lists them: the DuckDB night builds them as tables again and exports them itself rather
 * than link the Spark night's lake. (Its build file starts as a copy of that warehouse.duckdb, which drops the views
 * and lake_tables; {@code LakeTablesTests} covers a build file that still holds them.)
 */
class DuckDbAfterSparkTests {

    @TempDir
    static Path workspace;

    @Test
    void aDuckDbNightAfterASparkNightBuildsTheFactsAsTablesAgain() throws Exception {
        Path landing = Files.createDirectories(workspace.resolve("landing"));
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/scenarios/four_accounts"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".csv")).toList()) {
                Files.copy(file, landing.resolve(file.getFileName()));
            }
        }
        Path warehouse = workspace.resolve("warehouse");
        SharedSpark.session();
        assertThat(night(landing, warehouse, "spark")).as("the Spark night").isZero();
        List<String> fromSpark;
        try (Connection published = BothEngines.published(warehouse)) {
            assertThat(kindOf(published, "fct_mrr_movement")).isEqualTo("view");
            fromSpark = BothEngines.duckDbRows(published, "fct_mrr_movement");
        }

        assertThat(night(landing, warehouse, "duckdb", "--rerun")).as("the DuckDB night on top of it").isZero();

        try (Connection published = BothEngines.published(warehouse)) {
            assertThat(kindOf(published, "fct_mrr_movement")).isEqualTo("table");
            assertThat(kindOf(published, "lake_tables")).as("no record of a lake the night did not write").isEqualTo("none");
            // A1..A4 over January to April 2024, less A3's January before it paid: 15 rows, the same on both engines
            assertThat(BothEngines.duckDbRows(published, "fct_mrr_movement")).hasSize(15).isEqualTo(fromSpark);
        }
        // the DuckDB night wrote its own Parquet: no file of the new version is a link to the Spark night's lake
        Path lakeFile = warehouse.resolve("spark/nightly-2024-04-15/output/fct_mrr_movement/month_start=2024-03-01/data_0.parquet");
        Path published = warehouse.resolve("parquet/fct_mrr_movement/month_start=2024-03-01");
        try (Stream<Path> files = Files.list(published)) {
            for (Path file : files.toList()) {
                assertThat(Files.isSameFile(file, lakeFile)).as(file.toString()).isFalse();
            }
        }
    }

    private static int night(Path landing, Path warehouse, String engine, String... more) {
        String[] run = {"run", "--landing", landing.toString(), "--warehouse", warehouse.toString(), "--run-date", "2024-04-15",
                "--project-dir", BothEngines.PROJECT.toString(), "-Dbaton.engine=" + engine, "-Dbaton.extract.max-quarantined-share=0.5"};
        return BatonCli.execute(Stream.concat(Stream.of(run), Stream.of(more)).toArray(String[]::new));
    }

    /** "table", "view" or "none": what the published file holds under this name. */
    private static String kindOf(Connection connection, String name) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "select 'table' from duckdb_tables() where table_name = '" + name + "' union all "
                        + "select 'view' from duckdb_views() where view_name = '" + name + "'")) {
            return rows.next() ? rows.getString(1) : "none";
        }
    }
}
