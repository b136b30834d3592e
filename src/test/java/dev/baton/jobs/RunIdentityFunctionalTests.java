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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill runs dates in order; a completed date is refused unless {@code --rerun}, which runs it as the next
 * attempt of the same business date; {@code status} lists the runs and exits 1 once the last run failed.
 */
class RunIdentityFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void backfillRerunAndStatus() throws Exception {
        // given
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");

        // when two dates are backfilled
        Scenarios.Captured backfill = baton("backfill", "--from", "2024-04-14", "--to", "2024-04-15", "--landing", landing.toString());

        // then both ran, oldest first, and the published warehouse holds the later one
        assertThat(backfill.exitCode()).as(backfill.err()).isZero();
        assertThat(backfill.out()).contains("Backfill 2024-04-14..2024-04-15: 2 run, 0 skipped");
        assertThat(history(warehouse)).containsExactly("2024-04-14 - COMPLETED", "2024-04-15 - COMPLETED");
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        assertThat(published.row("select cast(run_date as varchar) as d from run_context").get("d")).isEqualTo("2024-04-15");

        // when a completed date is run again without and with --rerun
        Scenarios.Captured refused = baton("run", "--run-date", "2024-04-14", "--landing", landing.toString());
        // (2024-04-14 is older than the published 2024-04-15: only --publish-older publishes it)
        Scenarios.Captured rerun = baton("run", "--run-date", "2024-04-14", "--landing", landing.toString(), "--rerun",
                "--publish-older");

        // then the first is refused with one line, the second is attempt 1 of the same business date
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip()).doesNotContain("\n").contains("already completed for run date 2024-04-14").contains("--rerun");
        assertThat(rerun.exitCode()).as(rerun.err()).isZero();
        assertThat(rerun.out()).contains("attempt 1");
        assertThat(history(warehouse)).containsExactly("2024-04-14 - COMPLETED", "2024-04-15 - COMPLETED", "2024-04-14 1 COMPLETED");
        assertThat(published.row("select cast(run_date as varchar) as d from run_context").get("d")).isEqualTo("2024-04-14");

        // and a backfill over completed dates skips them
        Scenarios.Captured again = baton("backfill", "--from", "2024-04-14", "--to", "2024-04-15", "--landing", landing.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("0 run, 2 skipped");

        // when status is asked
        Scenarios.Captured status = baton("status");

        // then it shows the published version, its quarantine and audits, and the runs newest first
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("run date 2024-04-14").contains("Audits: ").contains(" passed, 0 failed")
                .contains("Quarantined rows: ");
        List<String> runLines = status.out().lines().filter(line -> line.contains(" nightly ")).toList();
        assertThat(runLines).hasSize(3);
        assertThat(runLines.get(0)).contains("2024-04-14 1").contains("COMPLETED").contains("extract-landing").contains("publish");
        assertThat(runLines.get(2)).contains("2024-04-14 0");

        // when the next night fails (its accounts.csv lacks the required account_id column), status says so with exit 1
        // (a landing folder that does not exist is refused before the run, exit 2: OneLineErrorsTests)
        Path broken = Scenarios.copy("four_accounts", workspace.resolve("broken"));
        Files.writeString(broken.resolve("accounts.csv"), Files.readString(broken.resolve("accounts.csv"))
                .replaceFirst("account_id", "acct_id"));
        Scenarios.Captured failed = baton("run", "--run-date", "2024-04-16", "--landing", broken.toString());
        Scenarios.Captured failedStatus = baton("status");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failedStatus.exitCode()).isEqualTo(1);
        assertThat(failedStatus.err()).contains("2024-04-16").contains("FAILED");
    }

    private Scenarios.Captured baton(String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(List.of("--warehouse", workspace.resolve("warehouse").toString(), "--project-dir",
                Path.of("").toAbsolutePath().toString()));
        if (!arguments[0].equals("status")) {
            all.add("-Dbaton.extract.max-quarantined-share=0.5");
        }
        return Scenarios.capture(() -> BatonCli.execute(all.toArray(String[]::new)));
    }

    /** run date, attempt ("-" for the first) and status of every execution, oldest first. */
    static List<String> history(Path warehouse) throws Exception {
        List<String> runs = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + warehouse.resolve("state/batch"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select d.PARAMETER_VALUE, coalesce(a.PARAMETER_VALUE, '-'), e.STATUS
                        from BATCH_JOB_EXECUTION e
                        join BATCH_JOB_EXECUTION_PARAMS d on d.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID and d.PARAMETER_NAME = 'runDate'
                        left join BATCH_JOB_EXECUTION_PARAMS a on a.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID and a.PARAMETER_NAME = 'attempt'
                        order by e.JOB_EXECUTION_ID""")) {
            while (rows.next()) {
                runs.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
            }
        }
        return runs;
    }
}
