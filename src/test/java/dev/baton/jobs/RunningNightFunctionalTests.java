package dev.baton.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a night runs in another process (which has the H2 run history open, one process at a time), {@code status},
 * {@code recover} and a second {@code run} say which night runs (pid, host, step, since when) instead of failing on
 * the locked history, and {@code publish --rollback} is refused, since the night's publish would replace it.
 */
class RunningNightFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void commandsDuringARunningNightReportItAndARollbackIsRefused() throws Exception {
        // given two published nights, and a third night running in its own process, stuck in a model that never ends
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        assertThat(BatonCli.execute(runArguments(landing, warehouse, project, "2024-04-14"))).isZero();
        assertThat(BatonCli.execute(runArguments(landing, warehouse, project, "2024-04-15"))).isZero();
        Files.writeString(project.resolve("sql/marts/zz_slow_model.sql"), """
                /* model: zz_slow_model
                   grain: one row (days)
                   depends_on: dim_date
                */
                select count(*) as days
                from dim_date as a
                cross join dim_date as b
                cross join dim_date as c
                cross join dim_date as d
                cross join dim_date as e
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-Duser.timezone=UTC", "-cp",
                System.getProperty("java.class.path"), BatonCli.class.getName()));
        command.addAll(List.of(runArguments(landing, warehouse, project, "2024-04-16")));
        command.add("-Dbaton.duckdb.threads=1");
        Process night = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(night.getInputStream(), StandardCharsets.UTF_8));
            List<String> log = new ArrayList<>();
            for (String line; (line = out.readLine()) != null && !line.contains("step build-models started"); ) {
                log.add(line);
            }
            assertThat(night.isAlive()).as(String.join("\n", log)).isTrue();
            String runningNight = "job 'nightly' for run date 2024-04-16, pid " + night.pid() + " on "
                    + InetAddress.getLocalHost().getHostName() + ", started ";

            // when status, recover, a second run of the same date and a rollback are asked for
            Scenarios.Captured status = Scenarios.capture(() -> BatonCli.execute("status", "--warehouse", warehouse.toString(),
                    "--project-dir", project.toString()));
            Scenarios.Captured recover = Scenarios.capture(() -> BatonCli.execute("recover", "--warehouse", warehouse.toString(),
                    "--project-dir", project.toString()));
            Scenarios.Captured second = Scenarios.capture(() -> BatonCli.execute(runArguments(landing, warehouse, project, "2024-04-16")));
            Scenarios.Captured rollback = Scenarios.capture(() -> BatonCli.execute("publish", "--rollback", "--warehouse",
                    warehouse.toString()));

            // then each names the running night, its process and its step
            assertThat(status.exitCode()).as(status.err()).isZero();
            assertThat(status.out()).contains("Published: " + warehouse.resolve("warehouse.duckdb").toAbsolutePath() + ", run date 2024-04-15")
                    .contains("Running: " + runningNight).contains(", in step build-models since ");
            assertThat(recover.exitCode()).as(recover.err()).isZero();
            assertThat(recover.out()).contains("Running right now, left alone: " + runningNight).contains("Nothing recovered");
            assertThat(second.exitCode()).isEqualTo(2);
            assertThat(second.err().strip()).startsWith("baton: Job 'nightly' is already running (" + runningNight)
                    .contains("in step build-models since").endsWith("not starting a second run").doesNotContain("\n");
            // and the rollback is refused: the published version is still the second night
            assertThat(rollback.exitCode()).isEqualTo(2);
            assertThat(rollback.err()).contains("Not rolling back while a night runs (" + runningNight);
            assertThat(new PublishedWarehouse(warehouse).row("select cast(run_date as varchar) as d from run_context").get("d"))
                    .isEqualTo("2024-04-15");
            assertThat(night.isAlive()).isTrue();
        } finally {
            night.destroyForcibly();
            assertThat(night.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        // and once the process is gone (kill -9), recover marks its night FAILED as before
        Scenarios.Captured recovered = Scenarios.capture(() -> BatonCli.execute("recover", "--warehouse", warehouse.toString(),
                "--project-dir", project.toString()));
        assertThat(recovered.out()).contains("for run date 2024-04-16").contains("marked FAILED");
    }

    private static String[] runArguments(Path landing, Path warehouse, Path project, String runDate) {
        return new String[] {"run", "--landing", landing.toString(), "--warehouse", warehouse.toString(), "--project-dir",
                project.toString(), "--run-date", runDate, "-Dbaton.extract.max-quarantined-share=0.5"};
    }
}
