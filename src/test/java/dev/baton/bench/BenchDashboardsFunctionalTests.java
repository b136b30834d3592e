package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import dev.baton.cli.BatonCli;
import dev.baton.generate.LandingGenerator;
import dev.baton.sqlserver.SqlUsers;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code baton bench --queries --sql-server} on an existing warehouse: every dashboard query timed with 1 and 8
 * readers, and the bridge query through the Flight SQL endpoint beside its in-process floor, printed and written
 * to JSON. No timing is asserted: the figures belong to the machine (docs/benchmark.md).
 */
class BenchDashboardsFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void timesEveryDashboardQueryAndTheSqlServerAgainstItsFloorOnAnExistingWarehouse() throws Exception {
        // given: a published night
        Path landing = workspace.resolve("landing");
        Path warehouse = workspace.resolve("warehouse");
        new LandingGenerator(5, 60, YearMonth.of(2023, 7), 18).writeTo(landing);
        assertThat(BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--run-date", "2024-09-30")).isZero();

        // when
        Scenarios.Captured bench = Scenarios.capture(() -> BatonCli.execute("bench", "--queries", "--sql-server",
                "--warehouse", warehouse.toString()));

        // then: a line per query and reader count, both sql-server lines without errors, and no night rebuilt
        assertThat(bench.exitCode()).as(bench.err()).isZero();
        List<String> names = DashboardQueries.load().stream().map(DashboardQueries.NamedQuery::name).toList();
        assertThat(names).hasSize(9).contains("nrr_heatmap_24_cohorts", "revenue_bridge_24_months", "health_by_csm",
                "owner_scorecard_12_months", "bi_retention_monthly", "bi_unit_economics");
        for (String name : names) {
            assertThat(bench.out()).containsPattern("\\n  " + name + " +1 +20 ").containsPattern("\\n  " + name + " +8 +40 ");
        }
        assertThat(bench.out()).containsPattern("Flight SQL \\(baton sql-server\\) +[\\d,]+ queries .* errors 0\\n")
                .containsPattern("DuckDB JDBC in-process \\(floor\\) +[\\d,]+ queries .* errors 0\\n");
        assertThat(warehouse.resolve("pipeline")).doesNotExist();
        assertThat(new SqlUsers(warehouse.resolve("state")).list()).as("the bench's own user is gone").isEmpty();

        List<Path> results;
        try (Stream<Path> files = Files.list(warehouse.resolve("bench"))) {
            results = files.toList();
        }
        assertThat(results).hasSize(1);
        JsonNode report = JsonMapper.builder().build().readTree(results.get(0).toFile());
        assertThat(report.get("queries").get("latencies")).hasSize(18);
        JsonNode heatmap = report.get("queries").get("latencies").get(names.indexOf("nrr_heatmap_24_cohorts"));
        assertThat(heatmap.get("readers").asInt()).isEqualTo(1);
        assertThat(heatmap.get("rows").asLong()).isPositive();
        assertThat(heatmap.get("p95Millis").asDouble()).isPositive().isGreaterThanOrEqualTo(heatmap.get("p50Millis").asDouble());
        assertThat(report.get("sqlServer").get("clients").asInt()).isEqualTo(20);
        assertThat(report.get("sqlServer").get("sqlServer").get("queries").asLong()).isPositive();
        assertThat(report.get("sqlServer").get("floor").get("queries").asLong()).isPositive();
        assertThat(report.get("sqlServer").get("sqlServer").get("errors").asLong()).isZero();
    }
}
