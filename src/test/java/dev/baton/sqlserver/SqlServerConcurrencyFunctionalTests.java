package dev.baton.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

import dev.baton.cli.BatonCli;
import dev.baton.generate.LandingGenerator;
import dev.baton.warehouse.WarehouseLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twenty dashboard connections (the official JDBC driver, in a second JVM) query the server in a loop while three
 * nights are built and published in this JVM: no errors, every answer from one whole night, and each new night
 * seen without a restart.
 */
class SqlServerConcurrencyFunctionalTests {

    /** One row per answer: the night, and whether the bridge balances and matches the fact table of that night. */
    static final String CHECK = "select (select cast(run_date as varchar) from run_context) as run_date,"
            + " (select count(*) from mart_mrr_bridge"
            + "  where opening_mrr + new + expansion - contraction - churn + reactivation + fx <> closing_mrr) as unbalanced,"
            + " (select cast(max(month) as varchar) from mart_mrr_bridge) as last_month,"
            + " (select sum(closing_mrr) from mart_mrr_bridge) = (select sum(mrr) from fct_mrr_month) as bridge_matches_fact";

    @TempDir
    Path workspace;

    @Test
    void twentyClientsDuringThreePublishesSeeOnlyWholeNights() throws Exception {
        Path landing = workspace.resolve("landing");
        Path warehouse = workspace.resolve("warehouse");
        new LandingGenerator(5, 60, YearMonth.of(2023, 7), 18).writeTo(landing);
        assertThat(run(landing, warehouse, "2024-09-30")).isZero();
        new SqlUsers(new WarehouseLayout(warehouse).stateDir()).add("board", "board-secret-9", "*");
        SqlServerSettings settings = SqlServerSettings.defaults("127.0.0.1", 0).withLimits(Duration.ofMinutes(2), 1000, 20);
        Path stop = workspace.resolve("stop");
        try (SqlServer server = SqlServer.start(new WarehouseLayout(warehouse), settings, System.err);
                FlightSqlClient client = new FlightSqlClient()) {
            String url = "jdbc:arrow-flight-sql://127.0.0.1:" + server.port() + "?useEncryption=false";
            client.send("loop", url, "board", "board-secret-9", "20", stop.toString(), CHECK, "20");
            assertThat(client.readLine()).isEqualTo("looping");

            for (String night : List.of("2024-10-31", "2024-11-30", "2024-12-31")) {
                assertThat(run(landing, warehouse, night)).as("night %s", night).isZero();
                Thread.sleep(1500); // every client asks at least once on this night
            }
            Files.createFile(stop);
            String report = client.readLine();
            System.out.println("sql-server under three publishes: " + report);

            // then: no errors, and each answer one whole night: balanced, ending in its own month, matching its fact
            assertThat(report).startsWith("loop ").contains(" errors=0 ");
            long queries = Long.parseLong(report.replaceAll(".* queries=(\\d+) .*", "$1"));
            assertThat(queries).isGreaterThan(20 * 4);
            String results = report.replaceAll(".* results=(\\S*).*", "$1");
            assertThat(List.of(results.split(";"))).containsExactly(
                    "2024-09-30|0|2024-09-01|true",
                    "2024-10-31|0|2024-10-01|true",
                    "2024-11-30|0|2024-11-01|true",
                    "2024-12-31|0|2024-12-01|true");
        }
    }

    private static int run(Path landing, Path warehouse, String runDate) {
        return BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(), "--run-date", runDate);
    }
}
