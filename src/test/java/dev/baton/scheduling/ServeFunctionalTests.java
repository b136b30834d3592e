package dev.baton.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton serve} with real Quartz triggers and real runs. A light job (extract, staging, one core table, publish) keeps the
 * runs short; the scheduling does not depend on what the job does.
 */
class ServeFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void threeMissedNightsRunInOrderAfterStart() throws Exception {
        // given a daily schedule at midnight UTC for the same day, and history that ends three nights ago
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path project = lightProject("0 0 0 * * ?", "all");
        Path warehouse = workspace.resolve("warehouse");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Scenarios.Captured seed = baton("run", "--job", "light", "--run-date", today.minusDays(3).toString(), "--landing",
                landing.toString(), "--project-dir", project.toString(), "--warehouse", warehouse.toString());
        assertThat(seed.exitCode()).as(seed.err()).isZero();

        // when serve starts (and exits after catching up)
        Scenarios.Captured serve = baton("serve", "--catch-up-only", "--landing", landing.toString(),
                "--project-dir", project.toString(), "--warehouse", warehouse.toString());

        // then the three missed nights ran, oldest first, once each
        assertThat(serve.exitCode()).as(serve.err()).isZero();
        assertThat(history(warehouse)).containsExactly(
                today.minusDays(3) + " COMPLETED", today.minusDays(2) + " COMPLETED",
                today.minusDays(1) + " COMPLETED", today + " COMPLETED");
    }

    @Test
    void aShortCronFiresOnceAndTheWarehouseStaysReadableWhileIdle() throws Exception {
        // given a schedule firing every two seconds for the same day
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path project = lightProject("*/2 * * * * ?", "none");
        Path warehouse = workspace.resolve("warehouse");
        Path log = workspace.resolve("serve.log");

        // when serve runs in its own process until it has fired again after the run
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Duser.timezone=UTC", "-Xmx512m",
                "dev.baton.cli.BatonCli", "serve", "--landing", landing.toString(), "--project-dir", project.toString(),
                "--warehouse", warehouse.toString(), "-Dbaton.extract.max-quarantined-share=0.5")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitLog(serve, log, "already completed; nothing to do");

            // then, while serve is idle, this process opens the published warehouse read-only
            PublishedWarehouse published = new PublishedWarehouse(warehouse);
            // the six rows of accounts.csv (A4 twice: a later version of the same account)
            assertThat(published.count("select * from landed_accounts")).isEqualTo(6);
            assertThat(published.row("select accounts from fct_account_count").get("accounts")).isEqualTo(5L);
        } finally {
            // and SIGTERM stops it cleanly
            serve.destroy();
            assertThat(serve.waitFor(2, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(Files.readString(log)).contains("serve: stopped");
        // and the job ran exactly once
        assertThat(history(warehouse)).containsExactly(LocalDate.now(ZoneOffset.UTC) + " COMPLETED");
    }

    @Test
    void aScheduleLandingParameterIsWhereItsNightsRead() throws Exception {
        // given a schedule that names its landing folder, and history that ends two nights ago
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path project = lightProject("0 0 0 * * ?", "latest", "parameters:\n  landing: " + landing + "\n");
        Path warehouse = workspace.resolve("warehouse");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path elsewhere = Scenarios.copy("four_accounts", workspace.resolve("elsewhere"));
        Scenarios.Captured seed = baton("run", "--job", "light", "--run-date", today.minusDays(2).toString(), "--landing",
                elsewhere.toString(), "--project-dir", project.toString(), "--warehouse", warehouse.toString());
        assertThat(seed.exitCode()).as(seed.err()).isZero();

        // when serve catches up without --landing
        Scenarios.Captured serve = baton("serve", "--catch-up-only", "--project-dir", project.toString(),
                "--warehouse", warehouse.toString());

        // then the latest missed night ran on the schedule's landing folder, and no sample data was generated
        assertThat(serve.exitCode()).as(serve.err()).isZero();
        assertThat(landings(warehouse)).containsExactly(
                today.minusDays(2) + " " + elsewhere.toAbsolutePath(), today + " " + landing.toAbsolutePath());
        assertThat(warehouse.resolve("sample-landing")).doesNotExist();
    }

    /** The repository's project plus a job that only extracts and publishes, and one schedule for it. */
    private Path lightProject(String cron, String misfire) throws Exception {
        return lightProject(cron, misfire, "");
    }

    private Path lightProject(String cron, String misfire, String extra) throws Exception {
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Files.writeString(project.resolve("jobs/light.yml"), """
                name: light
                description: Extract, staging views and publish only; for scheduling tests.
                steps:
                  - name: extract-landing
                    kind: extract
                    with:
                      entities: [accounts, deals, subscriptions, tickets, handoffs, spend, fx_rates]
                  - name: build-models
                    kind: models
                    with:
                      layers: [staging, core]
                  - name: publish
                    kind: publish
                    with:
                      parquet: [core]
                """);
        // One small core table instead of the whole star schema: these tests are about when runs happen.
        for (String layer : List.of("core", "marts", "audits")) {
            try (var files = Files.walk(project.resolve("sql").resolve(layer))) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(project.resolve("sql/core"));
        Files.writeString(project.resolve("sql/core/fct_account_count.sql"), """
                /* model: fct_account_count
                   grain: one row for the whole warehouse
                   depends_on: stg_accounts
                */
                select cast(count(*) as bigint) as accounts from stg_accounts
                """);
        Files.delete(project.resolve("schedules/nightly.yml"));
        Files.writeString(project.resolve("schedules/light.yml"), """
                name: light
                job: light
                cron: "%s"
                time_zone: UTC
                run_date: same_day
                misfire: %s
                """.formatted(cron, misfire) + extra);
        return project;
    }

    private static Scenarios.Captured baton(String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add("-Dbaton.extract.max-quarantined-share=0.5");
        return Scenarios.capture(() -> BatonCli.execute(all.toArray(String[]::new)));
    }

    private static void awaitLog(Process process, Path log, String text) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!Files.readString(log).contains(text)) {
            assertThat(process.isAlive()).as("serve ended: " + Files.readString(log)).isTrue();
            assertThat(Instant.now()).as("never logged '" + text + "': " + Files.readString(log)).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    /** run date and landing parameter of every execution, oldest first. */
    private static List<String> landings(Path warehouse) throws Exception {
        List<String> runs = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + warehouse.resolve("state/batch"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select d.PARAMETER_VALUE, l.PARAMETER_VALUE
                        from BATCH_JOB_EXECUTION e
                        join BATCH_JOB_EXECUTION_PARAMS d on d.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID and d.PARAMETER_NAME = 'runDate'
                        join BATCH_JOB_EXECUTION_PARAMS l on l.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID and l.PARAMETER_NAME = 'landing'
                        order by e.JOB_EXECUTION_ID""")) {
            while (rows.next()) {
                runs.add(rows.getString(1) + " " + rows.getString(2));
            }
        }
        return runs;
    }

    /** run date and status of every execution, oldest first. */
    private static List<String> history(Path warehouse) throws Exception {
        List<String> runs = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + warehouse.resolve("state/batch"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select p.PARAMETER_VALUE, e.STATUS
                        from BATCH_JOB_EXECUTION e
                        join BATCH_JOB_EXECUTION_PARAMS p on p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID and p.PARAMETER_NAME = 'runDate'
                        order by e.JOB_EXECUTION_ID""")) {
            while (rows.next()) {
                runs.add(rows.getString(1) + " " + rows.getString(2));
            }
        }
        return runs;
    }
}
