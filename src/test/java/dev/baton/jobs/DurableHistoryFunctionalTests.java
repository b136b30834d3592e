package dev.baton.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.baton.cli.BatonCli;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the run history committed survives a kill -9 of the process that wrote it: a step recorded COMPLETED stays
 * COMPLETED. H2 used to keep commits in memory for up to half a second (its write delay), so a run killed just after a
 * step completed showed that step STARTED, and the restart ran it again.
 */
class DurableHistoryFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void aStepCompletedJustBeforeAKillStaysCompleted() throws Exception {
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-Duser.timezone=UTC", "-cp",
                System.getProperty("java.class.path"), BatonCli.class.getName(), "run", "--landing", landing.toString(),
                "--warehouse", warehouse.toString(), "--run-date", "2024-04-16", "-Dbaton.extract.max-quarantined-share=0.5"));
        Process night = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> log = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(night.getInputStream(), StandardCharsets.UTF_8));
        // build-models is started only once Spring Batch has committed load-funnel-stages COMPLETED and build-models STARTED
        for (String line; (line = out.readLine()) != null; ) {
            log.add(line);
            if (line.contains("step build-models started")) {
                night.destroyForcibly();
                break;
            }
        }
        assertThat(night.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(night.exitValue()).as(String.join("\n", log)).isEqualTo(137);

        assertThat(RestartFunctionalTests.stepHistory(warehouse, "2024-04-16")).containsExactly(
                "extract-landing COMPLETED", "check-freshness COMPLETED", "load-funnel-stages COMPLETED", "build-models STARTED");
    }
}
