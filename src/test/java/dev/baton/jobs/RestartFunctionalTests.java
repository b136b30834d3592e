package dev.baton.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run identity is the business date: a failed night resumes at the failed step, the published warehouse
 * survives the failure untouched, and a completed night is refused.
 */
class RestartFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void failedNightRestartsAtTheFailedStepAndCompletedNightIsRefused() throws Exception {
        // given a night that published, and a model that breaks on the next night
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Path warehouse = workspace.resolve("warehouse");
        assertThat(run(landing, project, warehouse, "2024-04-15").exitCode()).isZero();
        Path model = project.resolve("sql/marts/mart_ltv_cac.sql");
        String goodModel = Files.readString(model);
        Files.writeString(model, goodModel.replace("from with_ltv", "from no_such_table"));

        // when the night fails
        Scenarios.Captured failed = run(landing, project, warehouse, "2024-04-16");

        // then it says where, and the published warehouse still holds the night before
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains("step 'build-models'").contains("mart_ltv_cac").contains("no_such_table");
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        assertThat(published.row("select cast(run_date as varchar) as d from run_context").get("d")).isEqualTo("2024-04-15");

        // when the model is mended and the same night is run again
        Files.writeString(model, goodModel);
        Scenarios.Captured restarted = run(landing, project, warehouse, "2024-04-16");

        // then it resumed at build-models: extract ran once for that date
        assertThat(restarted.exitCode()).isZero();
        assertThat(stepHistory(warehouse, "2024-04-16")).containsExactly(
                "extract-landing COMPLETED", "check-freshness COMPLETED", "load-funnel-stages COMPLETED", "build-models FAILED",
                "build-models COMPLETED", "run-audits COMPLETED", "publish COMPLETED", "write-report COMPLETED");
        assertThat(published.row("select cast(run_date as varchar) as d from run_context").get("d")).isEqualTo("2024-04-16");
        assertThat(published.count("select * from mart_ltv_cac")).isPositive();

        // and a completed night is not silently re-run
        Scenarios.Captured again = run(landing, project, warehouse, "2024-04-16");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already completed for run date 2024-04-16");
    }

    private static Scenarios.Captured run(Path landing, Path project, Path warehouse, String runDate) throws Exception {
        return Scenarios.capture(() -> BatonCli.execute("run", "--landing", landing.toString(), "--project-dir", project.toString(),
                "--warehouse", warehouse.toString(), "--run-date", runDate, "-Dbaton.extract.max-quarantined-share=0.5"));
    }

    static List<String> stepHistory(Path warehouse, String runDate) throws Exception {
        List<String> steps = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + warehouse.resolve("state/batch"));
                PreparedStatement query = connection.prepareStatement("""
                        select s.STEP_NAME, s.STATUS
                        from BATCH_STEP_EXECUTION s
                        join BATCH_JOB_EXECUTION_PARAMS p on p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
                        where p.PARAMETER_NAME = 'runDate' and p.PARAMETER_VALUE = ?
                        order by s.STEP_EXECUTION_ID""")) {
            query.setString(1, runDate);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    steps.add(rows.getString(1) + " " + rows.getString(2));
                }
            }
        }
        return steps;
    }
}
