package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** {@code -Dlogging.structured.format.console=ecs}: Spring Boot's own structured logging, one JSON object per line. */
class StructuredLogsTests {

    @TempDir
    Path workspace;

    @Test
    void theLogIsOneEcsJsonObjectPerLine() throws Exception {
        // given a run left STARTED by a process that has exited, so recover logs a warning
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        Path warehouse = workspace.resolve("warehouse");
        DeadRuns.startedRun(warehouse, LocalDate.of(2024, 6, 30), exited.pid());

        // when
        Scenarios.Captured recover = Scenarios.capture(() -> BatonCli.execute("recover", "--warehouse", warehouse.toString(),
                "-Dlogging.structured.format.console=ecs"));

        // then the warning is a JSON line with ECS fields; the command's own output stays plain text
        assertThat(recover.exitCode()).as(recover.err()).isZero();
        List<String> jsonLines = recover.out().lines().filter(line -> line.startsWith("{")).toList();
        assertThat(jsonLines).isNotEmpty();
        JsonMapper json = JsonMapper.builder().build();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = jsonLines.stream().map(line -> (Map<String, Object>) json.readValue(line, Map.class)).toList();
        assertThat(events).anySatisfy(event -> {
            assertThat(event).containsKey("@timestamp").containsEntry("log",
                    Map.of("level", "WARN", "logger", "dev.baton.jobs.Recovery"));
            assertThat(event.get("service")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("name", "baton");
            assertThat((String) event.get("message")).contains("was left STARTED by a process that is gone");
        });
        assertThat(recover.out()).contains("\nexecution ").doesNotContain("WARN  Recovery");
    }
}
