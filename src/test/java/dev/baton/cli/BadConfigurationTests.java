package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A setting that stops the Spring context from starting is bad configuration: exit 2, one line naming the setting. */
class BadConfigurationTests {

    @TempDir
    Path workspace;

    @Test
    void everyCommandThatStartsAContextExitsTwoWithOneLine() throws Exception {
        // given an empty landing folder and a warehouse folder (status refuses a missing one first)
        Path landing = Files.createDirectories(workspace.resolve("landing"));
        String warehouse = Files.createDirectories(workspace.resolve("warehouse")).toString();
        String zone = "-Dbaton.metrics.reporting-time-zone=Mars/Olympus";
        List<String[]> commands = List.of(
                new String[] {"run", "--run-date", "2024-06-30", "--landing", landing.toString(), "--warehouse", warehouse, zone},
                new String[] {"backfill", "--from", "2024-06-29", "--to", "2024-06-30", "--landing", landing.toString(),
                        "--warehouse", warehouse, zone},
                new String[] {"serve", "--catch-up-only", "--landing", landing.toString(), "--warehouse", warehouse, zone},
                new String[] {"status", "--warehouse", warehouse, zone},
                new String[] {"recover", "--warehouse", warehouse, zone});

        for (String[] command : commands) {
            // when
            Scenarios.Captured result = Scenarios.capture(() -> BatonCli.execute(command));

            // then
            assertThat(result.exitCode()).as(command[0] + ": " + result.err()).isEqualTo(2);
            assertThat(result.err().strip()).as(command[0])
                    .isEqualTo("baton: invalid setting baton.metrics: baton.metrics.reporting-time-zone is not a time zone: 'Mars/Olympus'");
        }
    }

    @Test
    void aValueOfTheWrongTypeNamesTheSettingAndTheValue() throws Exception {
        // given
        String warehouse = Files.createDirectories(workspace.resolve("warehouse")).toString();

        // when
        Scenarios.Captured margin = Scenarios.capture(() -> BatonCli.execute("status", "--warehouse", warehouse,
                "-Dbaton.metrics.gross-margin=eighty"));
        Scenarios.Captured pause = Scenarios.capture(() -> BatonCli.execute("status", "--warehouse", warehouse,
                "-Dbaton.metrics.pause-treatment=nap"));

        // then
        assertThat(margin.exitCode()).isEqualTo(2);
        assertThat(margin.err().strip()).doesNotContain("\n").startsWith("baton: invalid setting baton.metrics.gross-margin='eighty': ");
        assertThat(pause.exitCode()).isEqualTo(2);
        assertThat(pause.err().strip()).doesNotContain("\n").startsWith("baton: invalid setting baton.metrics.pause-treatment='nap': ");
    }
}
