package dev.baton.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with kill -9 in the middle of a step stays STARTED in the history. The next {@code run} finds it
 * (the job's lock is free, so its process is gone) and recovers it by itself; {@code recover} does the same on
 * demand. Either way the night then completes with exactly the marts of a run that was never interrupted.
 */
class CrashRecoveryFunctionalTests {

    private static final String RUN_DATE = "2024-04-16";
    private static final List<String> MARTS = List.of("mart_mrr_bridge", "mart_churn_monthly", "mart_cohort_nrr", "mart_ltv_cac",
            "mart_zz_slow");

    @TempDir
    Path workspace;

    @Test
    void killedRunIsRecoveredAndCompletesWithTheSameMarts() throws Exception {
        // given a project with one extra model slow enough to be killed in the middle of build-models (written in the
        // portable subset, which has no range())
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Files.writeString(project.resolve("sql/marts/mart_zz_slow.sql"), """
                /* model: mart_zz_slow
                   grain: one row for the whole run
                   depends_on: none
                */
                with
                digits as (
                    select 0 as d union all select 1 union all select 2 union all select 3 union all select 4
                    union all select 5 union all select 6 union all select 7 union all select 8 union all select 9
                ),
                numbers as (
                    select a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d as n
                    from digits as a cross join digits as b cross join digits as c cross join digits as e
                    cross join digits as f
                )
                select cast(count(*) as bigint) as pairs, cast(sum(x.n % 7) as bigint) as checksum
                from numbers as x
                cross join numbers as y
                where x.n < 60000 and y.n < 20000 and (x.n + y.n) % 11 = 0
                """);
        // every published column is described (audit published_columns__have_descriptions)
        Files.writeString(project.resolve("sql/marts/mart_zz_slow.yml"), "columns:\n  pairs: Pairs counted.\n  checksum: Their checksum.\n");
        Path crashed = workspace.resolve("crashed");
        Path clean = workspace.resolve("clean");

        // when the first process is killed in build-models, and the second one too (after it recovered the first)
        Process first = startRun(project, landing, crashed, workspace.resolve("first.log"));
        killDuringBuildModels(first, workspace.resolve("first.log"));
        Process second = startRun(project, landing, crashed, workspace.resolve("second.log"));
        killDuringBuildModels(second, workspace.resolve("second.log"));

        // then the second process recovered the first by itself, and logged it
        assertThat(Files.readString(workspace.resolve("second.log")))
                .contains("was left STARTED by a process that is gone; marked FAILED");

        // when recover is run by hand, then once more, and the night is run again
        Scenarios.Captured recovered = Scenarios.capture(() -> BatonCli.execute("recover", "--warehouse", crashed.toString(),
                "--project-dir", project.toString()));
        Scenarios.Captured nothingLeft = Scenarios.capture(() -> BatonCli.execute("recover", "--warehouse", crashed.toString(),
                "--project-dir", project.toString()));
        Scenarios.Captured restarted = run(project, landing, crashed);

        // then recover marked the killed execution FAILED once, and the run resumed at build-models
        assertThat(recovered.exitCode()).isZero();
        assertThat(recovered.out()).contains("for run date " + RUN_DATE).contains("marked FAILED");
        assertThat(nothingLeft.out()).contains("Nothing to recover");
        assertThat(restarted.exitCode()).as(restarted.err()).isZero();
        assertThat(RestartFunctionalTests.stepHistory(crashed, RUN_DATE)).containsExactly(
                "extract-landing COMPLETED", "check-freshness COMPLETED", "load-funnel-stages COMPLETED", "build-models FAILED", "build-models FAILED",
                "build-models COMPLETED", "run-audits COMPLETED", "publish COMPLETED", "write-report COMPLETED");

        // and the marts equal those of an uninterrupted run, row by row
        assertThat(run(project, landing, clean).exitCode()).isZero();
        PublishedWarehouse afterCrash = new PublishedWarehouse(crashed);
        PublishedWarehouse uninterrupted = new PublishedWarehouse(clean);
        for (String mart : MARTS) {
            List<Map<String, Object>> expected = uninterrupted.rows("select * from " + mart + " order by all");
            assertThat(expected).as(mart).isNotEmpty();
            assertThat(afterCrash.rows("select * from " + mart + " order by all")).as(mart).isEqualTo(expected);
        }
    }

    private static Process startRun(Path project, Path landing, Path warehouse, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Duser.timezone=UTC", "-Xmx512m",
                "dev.baton.cli.BatonCli", "run", "--run-date", RUN_DATE, "--landing", landing.toString(),
                "--project-dir", project.toString(), "--warehouse", warehouse.toString(),
                "-Dbaton.extract.max-quarantined-share=0.5"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the process has started build-models and is busy in it, then kills it (SIGKILL, as kill -9). */
    private static void killDuringBuildModels(Process process, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!Files.readString(log).contains("step build-models started")) {
            assertThat(process.isAlive()).as("process ended before build-models: " + Files.readString(log)).isTrue();
            assertThat(Instant.now()).as("build-models never started").isBefore(deadline);
            Thread.sleep(100);
        }
        Thread.sleep(1500);
        assertThat(Files.readString(log)).as("the slow model must still be running").doesNotContain("step build-models COMPLETED");
        process.destroyForcibly();
        process.waitFor();
        assertThat(process.exitValue()).isEqualTo(137);
    }

    private static Scenarios.Captured run(Path project, Path landing, Path warehouse) throws Exception {
        return Scenarios.capture(() -> BatonCli.execute("run", "--landing", landing.toString(), "--project-dir", project.toString(),
                "--warehouse", warehouse.toString(), "--run-date", RUN_DATE, "-Dbaton.extract.max-quarantined-share=0.5"));
    }
}
