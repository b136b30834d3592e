package dev.baton.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A date that keeps failing is left alone for a back-off that doubles, instead of running at every firing. */
class ServeBackoffFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void theBackOffDoublesAndIsCapped() {
        FailureBackoff backoff = new FailureBackoff(Duration.ofMinutes(5), Duration.ofHours(6));

        // 5 min x 2^(n-1): 5, 10, 20, ... 320 min, then 640 min capped at 360
        assertThat(backoff.delay(0)).isZero();
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofMinutes(10));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofMinutes(20));
        assertThat(backoff.delay(7)).isEqualTo(Duration.ofMinutes(320));
        assertThat(backoff.delay(8)).isEqualTo(Duration.ofHours(6));
        assertThat(backoff.delay(1000)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void aFailingDateWaitsOutItsBackOffBetweenFirings() throws Exception {
        // given a schedule firing every second for the same day, on a landing whose accounts.csv lacks account_id
        Path broken = Scenarios.copy("four_accounts", workspace.resolve("broken"));
        Files.writeString(broken.resolve("accounts.csv"), Files.readString(broken.resolve("accounts.csv"))
                .replaceFirst("account_id", "acct_id"));
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Files.writeString(project.resolve("schedules/nightly.yml"), """
                name: nightly
                job: nightly
                cron: "* * * * * ?"
                time_zone: UTC
                run_date: same_day
                misfire: none
                """);
        Path warehouse = workspace.resolve("warehouse");
        Path log = workspace.resolve("serve.log");

        // when serve runs with a 3 s back-off (capped at 6 s) until the date has failed twice and backs off again
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Duser.timezone=UTC", "-Xmx384m",
                "dev.baton.cli.BatonCli", "serve", "--landing", broken.toString(), "--project-dir", project.toString(),
                "--warehouse", warehouse.toString(), "-Dbaton.metrics-http.port=-1",
                "-Dbaton.serve.retry-backoff.initial=PT3S", "-Dbaton.serve.retry-backoff.max=PT6S")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitLog(serve, log, "failed 2 time(s) in a row; backing off until");
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(2, TimeUnit.MINUTES)).isTrue();
        }

        // then firings inside the back-off skipped the date, and the second attempt started 3 s or more after the
        // first ended (firing every second, it would otherwise have started within about a second)
        assertThat(Files.readString(log)).contains("failed 1 time(s) in a row; backing off until");
        List<Instant[]> failed = failedRuns(warehouse);
        assertThat(failed).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Duration.between(failed.get(0)[1], failed.get(1)[0])).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
        if (failed.size() >= 3) {
            assertThat(Duration.between(failed.get(1)[1], failed.get(2)[0])).isGreaterThanOrEqualTo(Duration.ofMillis(5900));
        }
    }

    /** start and end of every FAILED execution, oldest first. */
    private static List<Instant[]> failedRuns(Path warehouse) throws Exception {
        List<Instant[]> runs = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + warehouse.resolve("state/batch"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select START_TIME, END_TIME from BATCH_JOB_EXECUTION "
                        + "where STATUS = 'FAILED' order by JOB_EXECUTION_ID")) {
            while (rows.next()) {
                Timestamp start = rows.getTimestamp(1);
                Timestamp end = rows.getTimestamp(2);
                runs.add(new Instant[] {start.toInstant(), end.toInstant()});
            }
        }
        return runs;
    }

    private static void awaitLog(Process process, Path log, String text) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!Files.readString(log).contains(text)) {
            assertThat(process.isAlive()).as("serve ended: " + Files.readString(log)).isTrue();
            assertThat(Instant.now()).as("never logged '" + text + "': " + Files.readString(log)).isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
