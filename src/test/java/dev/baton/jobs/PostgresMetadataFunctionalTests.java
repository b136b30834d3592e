package dev.baton.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch metadata in a real PostgreSQL by setting (spring.datasource.url): Flyway lays the PostgreSQL variant of the
 * Spring Batch schema, the history lands there and not under state/, and a failed night restarts from it.
 */
class PostgresMetadataFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void historyLivesInPostgresAndAFailedNightRestartsFromIt() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            // given the metadata store set to PostgreSQL, and a night that published
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
            Path project = Scenarios.copyProject(workspace.resolve("project"));
            Path warehouse = workspace.resolve("warehouse");
            Scenarios.Captured first = run(url, landing, project, warehouse, "2024-04-15");
            assertThat(first.exitCode()).as(first.err()).isZero();

            // when the next night breaks in build-models, then is mended and run again
            Path model = project.resolve("sql/marts/mart_ltv_cac.sql");
            String goodModel = Files.readString(model);
            Files.writeString(model, goodModel.replace("from with_ltv", "from no_such_table"));
            Scenarios.Captured failed = run(url, landing, project, warehouse, "2024-04-16");
            Files.writeString(model, goodModel);
            Scenarios.Captured restarted = run(url, landing, project, warehouse, "2024-04-16");

            // then the history is in PostgreSQL: three executions, the failed one resumed at its failed step
            assertThat(failed.exitCode()).isEqualTo(1);
            assertThat(restarted.exitCode()).as(restarted.err()).isZero();
            assertThat(query(url, """
                    select p.PARAMETER_VALUE || ' ' || e.STATUS
                    from BATCH_JOB_EXECUTION e
                    join BATCH_JOB_EXECUTION_PARAMS p on p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
                    where p.PARAMETER_NAME = 'runDate'
                    order by e.JOB_EXECUTION_ID""")).containsExactly(
                    "2024-04-15 COMPLETED", "2024-04-16 FAILED", "2024-04-16 COMPLETED");
            assertThat(query(url, """
                    select s.STEP_NAME || ' ' || s.STATUS
                    from BATCH_STEP_EXECUTION s
                    join BATCH_JOB_EXECUTION_PARAMS p on p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
                    where p.PARAMETER_NAME = 'runDate' and p.PARAMETER_VALUE = '2024-04-16'
                    order by s.STEP_EXECUTION_ID""")).containsExactly(
                    "extract-landing COMPLETED", "check-freshness COMPLETED", "load-funnel-stages COMPLETED", "build-models FAILED",
                    "build-models COMPLETED", "run-audits COMPLETED", "publish COMPLETED", "write-report COMPLETED");
            assertThat(query(url, "select version from flyway_schema_history where success")).containsExactly("1");
            // and no embedded store was created beside the warehouse
            assertThat(warehouse.resolve("state/batch.mv.db")).doesNotExist();
            assertThat(new PublishedWarehouse(warehouse).row("select cast(run_date as varchar) as d from run_context").get("d"))
                    .isEqualTo("2024-04-16");

            // and status reads the same history
            Scenarios.Captured status = Scenarios.capture(() -> BatonCli.execute("status", "--warehouse", warehouse.toString(),
                    "--project-dir", project.toString(), "-Dspring.datasource.url=" + url, "-Dspring.datasource.username=postgres"));
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).contains("2024-04-16").contains("COMPLETED").contains("FAILED");
        }
    }

    private static Scenarios.Captured run(String url, Path landing, Path project, Path warehouse, String runDate) throws Exception {
        // The user on the command line only because the embedded server trusts it; a real one comes from
        // SPRING_DATASOURCE_USERNAME / SPRING_DATASOURCE_PASSWORD in the environment.
        return Scenarios.capture(() -> BatonCli.execute("run", "--landing", landing.toString(), "--project-dir", project.toString(),
                "--warehouse", warehouse.toString(), "--run-date", runDate, "-Dbaton.extract.max-quarantined-share=0.5",
                "-Dspring.datasource.url=" + url, "-Dspring.datasource.username=postgres"));
    }

    private static List<String> query(String url, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
