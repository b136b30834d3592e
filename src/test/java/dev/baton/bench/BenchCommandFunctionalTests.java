package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The benchmark runs end to end at a tiny scale and reports every figure; its timings are not asserted. */
class BenchCommandFunctionalTests {

    @TempDir
    Path folder;

    @Test
    void benchRunsBothNightsAndTheFloorAndWritesJson() throws Exception {
        Scenarios.Captured bench = Scenarios.capture(() -> BatonCli.execute("bench", "--accounts", "40", "--months", "6",
                "--delta", "resend", "--warehouse", folder.toString()));

        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("full night / engine floor (its own SQL replayed):").contains("peak RSS:");
        List<Path> results;
        try (Stream<Path> files = Files.list(folder.resolve("bench"))) {
            results = files.filter(file -> file.toString().endsWith(".json")).toList();
        }
        assertThat(results).hasSize(1);
        JsonNode report = JsonMapper.builder().build().readTree(results.get(0).toFile());
        long generated = 0;
        for (JsonNode rows : report.get("rowsPerEntity")) {
            generated += rows.asLong();
        }
        assertThat(generated).isPositive();
        assertThat(report.get("fullNight").get("inputRows").asLong()).isEqualTo(generated);
        assertThat(report.get("fullNight").get("steps")).extracting(step -> step.get("step").asString())
                .containsSubsequence("extract-landing", "build-models", "run-audits", "publish");
        assertThat(report.get("incrementalNight").get("inputRows").asLong())
                .as("files loaded the night before are not read again: only the ~1% delta").isPositive().isLessThan(generated / 10);
        assertThat(report.get("engineFloor").get("steps")).extracting(step -> step.get("step").asString())
                .containsExactly("replay");
        assertThat(report.get("plainLoadFloor").get("steps")).extracting(step -> step.get("step").asString())
                .containsExactly("load", "models", "export");
        assertThat(report.get("pipelineOverFloor").asDouble()).isPositive();
        assertThat(report.get("pipelineOverPlainLoadFloor").asDouble()).isPositive();

        // the replay ran the full night's SQL: every generated row read and reconciled, every model built
        PublishedWarehouse replayed = new PublishedWarehouse(folder.resolve("floor/build"), replayedBuildFile());
        assertThat(replayed.count("select * from load_reconciliation")).isPositive();
        assertThat(replayed.decimal("select sum(rows_read) from load_reconciliation").longValue()).isEqualTo(generated);
        assertThat(replayed.count("select * from fct_mrr_month")).isPositive();
        assertThat(replayed.count("select * from audit_results")).isPositive();
        assertThat(report.get("pipelineOverFloorCpu").asDouble()).isPositive();
        assertThat(report.get("fullNight").get("cpuSeconds").asDouble()).isPositive();
        assertThat(report.get("peakHeapBytes").asLong()).isPositive();
        assertThat(report.get("fullNightSecondsInStatements").asDouble()).isPositive()
                .isLessThan(report.get("fullNight").get("wallSeconds").asDouble());

        List<String> statements = Files.readAllLines(Path.of(results.get(0).toString().replace(".json", "-full-night-statements.csv")));
        assertThat(statements.get(0)).isEqualTo("connection,seconds,sql");
        assertThat(statements).anyMatch(line -> line.contains("create or replace table main.fct_mrr_month"));
        assertThat(Files.readAllLines(Path.of(results.get(0).toString().replace(".json", "-incremental-night-statements.csv"))))
                .anyMatch(line -> line.contains("delete from main.fct_mrr_month where account_id in"));
    }

    @Test
    void theDefaultDeltaIsOneBusinessDayAndItsShareIsReported() throws Exception {
        // given the bench with its default delta
        // when it runs
        Scenarios.Captured bench = Scenarios.capture(() -> BatonCli.execute("bench", "--accounts", "300", "--months", "12",
                "--warehouse", folder.toString()));

        // then the incremental night read exactly the day's new or changed rows, and its share is printed and written
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        assertThat(bench.out()).contains("The day-delta delivery brings").contains("day-delta night / full night:");
        JsonNode report;
        try (Stream<Path> files = Files.list(folder.resolve("bench"))) {
            report = JsonMapper.builder().build().readTree(files.filter(file -> file.toString().endsWith(".json"))
                    .findFirst().orElseThrow().toFile());
        }
        assertThat(report.get("delta").asString()).isEqualTo("day");
        long deltaRows = report.get("deltaRows").asLong();
        assertThat(deltaRows).isPositive();
        assertThat(report.get("incrementalNight").get("inputRows").asLong()).isEqualTo(deltaRows);
        assertThat(report.get("incrementalNight").get("label").asString()).isEqualTo("day-delta night");
        assertThat(report.get("incrementalShareOfFull").asDouble()).isPositive();
        // the full night was delivered what the sources showed before its run date: nothing from that day on
        try (Stream<String> tickets = Files.lines(folder.resolve("landing/300x12-seed42-as-of-2021-12-29/tickets.csv"))) {
            assertThat(tickets.skip(1).map(line -> line.split(",")[2])).allMatch(created -> created.compareTo("2021-12-29") < 0);
        }
    }

    private String replayedBuildFile() throws Exception {
        try (Stream<Path> files = Files.list(folder.resolve("floor/build"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".duckdb")).findFirst().orElseThrow();
        }
    }
}
