package dev.baton.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import dev.baton.cli.BatonCli;
import dev.baton.cli.DeadRuns;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code baton.notify.webhook-url} receives one JSON event per failed night, per night with warnings and per recovered run,
 * on a real HTTP server.
 */
class AlertsFunctionalTests {

    record Received(String authorization, Map<String, Object> event) {
    }

    @TempDir
    Path workspace;

    private HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void startWebhook() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                @SuppressWarnings("unchecked")
                Map<String, Object> event = JsonMapper.builder().build().readValue(body, Map.class);
                received.add(new Received(exchange.getRequestHeaders().getFirst("Authorization"), event));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    @AfterEach
    void stopWebhook() {
        server.stop(0);
    }

    private String hook() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Test
    void aFailedNightIsSentWithTheTokenFromTheEnvironment() throws Exception {
        // given a landing whose accounts.csv lacks its required account_id column
        Path broken = Scenarios.copy("four_accounts", workspace.resolve("broken"));
        Files.writeString(broken.resolve("accounts.csv"), Files.readString(broken.resolve("accounts.csv"))
                .replaceFirst("account_id", "acct_id"));

        // when the night runs in its own process, with the token in its environment
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx384m", "dev.baton.cli.BatonCli", "run",
                "--run-date", "2024-07-01", "--landing", broken.toString(), "--warehouse", workspace.resolve("warehouse").toString(),
                "-Dbaton.notify.webhook-url=" + hook())
                .redirectErrorStream(true).redirectOutput(workspace.resolve("run.log").toFile());
        builder.environment().put("BATON_NOTIFY_TOKEN", "s3cret-from-env");
        Process run = builder.start();
        assertThat(run.waitFor(3, TimeUnit.MINUTES)).isTrue();

        // then it failed, and the webhook got one night_failed event naming the job, the date and the missing column
        assertThat(run.exitValue()).as(Files.readString(workspace.resolve("run.log"))).isEqualTo(1);
        Received alert = received.poll(10, TimeUnit.SECONDS);
        assertThat(alert).isNotNull();
        assertThat(alert.authorization()).isEqualTo("Bearer s3cret-from-env");
        assertThat(alert.event()).containsEntry("event", "night_failed").containsEntry("job", "nightly")
                .containsEntry("run_date", "2024-07-01")
                .containsEntry("warehouse", workspace.resolve("warehouse").toAbsolutePath().toString());
        assertThat((String) alert.event().get("message")).contains("extract-landing").contains("account_id");
        assertThat(received).isEmpty();
    }

    @Test
    void aRecoveredRunIsSentWithoutATokenWhenNoneIsSet() throws Exception {
        // given a run left STARTED by a process that has exited
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        Path warehouse = workspace.resolve("warehouse");
        long execution = DeadRuns.startedRun(warehouse, LocalDate.of(2024, 6, 30), exited.pid());

        // when
        Scenarios.Captured recover = Scenarios.capture(() -> BatonCli.execute("recover", "--warehouse", warehouse.toString(),
                "-Dbaton.notify.webhook-url=" + hook()));

        // then
        assertThat(recover.exitCode()).as(recover.err()).isZero();
        Received alert = received.poll(10, TimeUnit.SECONDS);
        assertThat(alert).isNotNull();
        assertThat(alert.authorization()).isNull();
        assertThat(alert.event()).containsEntry("event", "run_recovered").containsEntry("job", "nightly")
                .containsEntry("run_date", "2024-06-30").containsEntry("execution_id", (int) execution);
        assertThat((String) alert.event().get("message")).contains("was left STARTED by a process that is gone");
    }

    @Test
    void aNightWithWarningsSendsThemAndNoFailure() throws Exception {
        // given the four-accounts company run for 2024-04-30: its billing feed's newest date is 2024-04-01 (29 days,
        // within the default 35), its deals' 2024-02-20 (70 days) and its tickets' 2024-01-13 (108 days; T2 is quarantined): two stale feeds
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));

        // when the night runs
        Scenarios.Captured night = Scenarios.capture(() -> BatonCli.execute("run", "--run-date", "2024-04-30", "--landing",
                landing.toString(), "--warehouse", workspace.resolve("warehouse").toString(),
                "-Dbaton.extract.max-quarantined-share=0.5", "-Dbaton.notify.webhook-url=" + hook()));

        // then it published, and the webhook got one night_warned event listing the stale feeds, never night_failed
        assertThat(night.exitCode()).as(night.err()).isZero();
        Received alert = received.poll(10, TimeUnit.SECONDS);
        assertThat(alert).isNotNull();
        assertThat(alert.event()).containsEntry("event", "night_warned").containsEntry("job", "nightly")
                .containsEntry("run_date", "2024-04-30");
        @SuppressWarnings("unchecked")
        List<String> warnings = (List<String>) alert.event().get("warnings");
        assertThat(warnings).anySatisfy(line -> assertThat(line).startsWith("check-freshness: ").contains("deals"))
                .anySatisfy(line -> assertThat(line).startsWith("check-freshness: ").contains("tickets"));
        assertThat(alert.event().get("message")).isEqualTo(warnings.size() + " warning(s)");
        assertThat(received.poll(1, TimeUnit.SECONDS)).isNull();
    }
}
