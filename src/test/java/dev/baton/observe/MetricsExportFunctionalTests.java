package dev.baton.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.baton.cli.BatonCli;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command leaves {@code <warehouse>/state/metrics.prom} in the Prometheus text format, and {@code serve}
 * answers the same on {@code /metrics}. The numbers are the four-accounts scenario's, counted by hand from its files.
 */
class MetricsExportFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void aNightAndAFailedNightAreInTheFileAndServeExposesThem() throws Exception {
        // given the four-accounts landing and a copy whose accounts.csv lacks its required account_id column
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path broken = Scenarios.copy("four_accounts", workspace.resolve("broken"));
        Files.writeString(broken.resolve("accounts.csv"), Files.readString(broken.resolve("accounts.csv"))
                .replaceFirst("account_id", "acct_id"));
        Path warehouse = workspace.resolve("warehouse");
        Instant before = Instant.now();

        // when a night runs (for 2024-04-30: the billing feed's newest date, 2024-04-01, is within the default 35 days)
        Scenarios.Captured night = baton("run", "--run-date", "2024-04-30", "--landing", landing.toString(),
                "--warehouse", warehouse.toString());

        // then the night said where it was as it went (nightly has seven steps), and the file holds what it did
        assertThat(night.exitCode()).as(night.err()).isZero();
        assertThat(night.out()).contains("step extract-landing started (step 1/7,", "step build-models started (step 4/7,",
                "step write-report started (step 7/7,");
        Map<String, Double> metrics = parse(Files.readString(warehouse.resolve("state/metrics.prom")));
        // accounts.csv: 6 data lines (A4 twice), all loaded; tickets.csv: 2 lines, T2's created_at 'not-a-date' quarantined
        assertThat(metrics).containsEntry("baton_entity_rows_read{entity=\"accounts\"}", 6.0)
                .containsEntry("baton_entity_rows_loaded{entity=\"accounts\"}", 6.0)
                .containsEntry("baton_entity_rows_quarantined{entity=\"accounts\"}", 0.0)
                .containsEntry("baton_entity_rows_read{entity=\"tickets\"}", 2.0)
                .containsEntry("baton_entity_rows_loaded{entity=\"tickets\"}", 1.0)
                .containsEntry("baton_entity_rows_quarantined{entity=\"tickets\"}", 1.0)
                .containsEntry("baton_entity_rows_read{entity=\"subscriptions\"}", 10.0)
                .containsEntry("baton_published_version", 1.0)
                .containsEntry("baton_audits_failed", 0.0)
                // feed ages on 2024-04-30: subscriptions' newest date 2024-04-01 (29 days), deals' 2024-02-20 (9 + 31 + 30
                // = 70 days, stale), tickets' 2024-01-13 (T1 solved; T2 is quarantined: 18 + 29 + 31 + 30 = 108 days, stale)
                .containsEntry("baton_feed_age_days{entity=\"subscriptions\"}", 29.0)
                .containsEntry("baton_feed_age_days{entity=\"deals\"}", 70.0)
                .containsEntry("baton_feed_age_days{entity=\"tickets\"}", 108.0)
                .containsEntry("baton_feed_stale{entity=\"subscriptions\"}", 0.0)
                .containsEntry("baton_feed_stale{entity=\"deals\"}", 1.0)
                .containsEntry("baton_job_last_run_success{job=\"nightly\"}", 1.0)
                .containsEntry("baton_step_last_run_success{job=\"nightly\",step=\"publish\"}", 1.0);
        assertThat(metrics.get("baton_job_last_success_timestamp_seconds{job=\"nightly\"}"))
                .isBetween(before.getEpochSecond() - 1.0, Instant.now().getEpochSecond() + 1.0);
        assertThat(metrics.keySet()).allMatch(name -> name.startsWith("baton_"));
        assertThat(metrics.keySet()).anyMatch(name -> name.startsWith("baton_step_last_run_duration_seconds{job=\"nightly\","
                + "status=\"COMPLETED\",step=\"extract-landing\"}"));

        // when the next night fails at extract
        Scenarios.Captured failed = baton("run", "--run-date", "2024-05-01", "--landing", broken.toString(),
                "--warehouse", warehouse.toString());

        // then the file says the last run failed, at which step, and that 2024-04-30 is still published
        assertThat(failed.exitCode()).as(failed.out()).isEqualTo(1);
        metrics = parse(Files.readString(warehouse.resolve("state/metrics.prom")));
        assertThat(metrics).containsEntry("baton_job_last_run_success{job=\"nightly\"}", 0.0)
                .containsEntry("baton_step_last_run_success{job=\"nightly\",step=\"extract-landing\"}", 0.0)
                .containsEntry("baton_published_version", 1.0);

        // when the file is deleted and status runs, it is written again
        Files.delete(warehouse.resolve("state/metrics.prom"));
        Scenarios.Captured status = baton("status", "--warehouse", warehouse.toString());
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(parse(Files.readString(warehouse.resolve("state/metrics.prom"))))
                .containsEntry("baton_job_last_run_success{job=\"nightly\"}", 0.0);

        // when serve runs in its own process with the endpoint on a free port (a schedule that catches nothing up)
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Files.writeString(project.resolve("schedules/nightly.yml"), Files.readString(project.resolve("schedules/nightly.yml"))
                .replace("misfire: all", "misfire: none"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = workspace.resolve("serve.log");
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx384m", "dev.baton.cli.BatonCli", "serve",
                "--landing", landing.toString(), "--project-dir", project.toString(), "--warehouse", warehouse.toString(),
                "-Dbaton.metrics-http.port=" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitLog(serve, log, "serve: metrics on http://127.0.0.1:" + port + "/metrics");
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            // then the scrape carries the same numbers as the file
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(parse(scrape.body())).containsEntry("baton_entity_rows_quarantined{entity=\"tickets\"}", 1.0)
                    .containsEntry("baton_published_version", 1.0)
                    .containsEntry("baton_job_last_run_success{job=\"nightly\"}", 0.0);
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(2, TimeUnit.MINUTES)).isTrue();
        }
    }

    private static Scenarios.Captured baton(String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add("-Dbaton.extract.max-quarantined-share=0.5");
        return Scenarios.capture(() -> BatonCli.execute(all.toArray(String[]::new)));
    }

    /** Sample lines of the Prometheus text format: "name{labels}" to value; comments skipped. */
    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    private static void awaitLog(Process process, Path log, String text) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!Files.readString(log).contains(text)) {
            assertThat(process.isAlive()).as("serve ended: " + Files.readString(log)).isTrue();
            assertThat(Instant.now()).as("never printed '" + text + "': " + Files.readString(log)).isBefore(deadline);
            Thread.sleep(200);
        }
    }
}
