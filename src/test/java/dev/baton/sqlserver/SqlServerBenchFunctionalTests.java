package dev.baton.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import dev.baton.cli.BatonCli;
import dev.baton.generate.LandingGenerator;
import dev.baton.publish.PublishedVersions;
import dev.baton.warehouse.WarehouseLayout;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark line: queries/s and p95 latency of a bridge query from 20 JDBC clients through the Flight SQL
 * endpoint (official driver, second JVM), against the same query from 20 threads through DuckDB's JDBC driver in
 * this JVM on the same file (the floor: no network, no Arrow, no checks). Printed, not asserted beyond "it ran
 * without errors", since both numbers depend on the machine.
 */
class SqlServerBenchFunctionalTests {

    static final String BRIDGE = "select month, opening_mrr, new_mrr, expansion_mrr, contraction_mrr, churned_mrr, closing_mrr"
            + " from bi_revenue_bridge order by month";
    static final int CLIENTS = 20;
    static final long SECONDS = 10;

    @TempDir
    Path workspace;

    @Test
    void twentyClientsOnTheBridgeQueryAgainstTheInProcessFloor() throws Exception {
        Path landing = workspace.resolve("landing");
        Path warehouse = workspace.resolve("warehouse");
        new LandingGenerator(5, 60, YearMonth.of(2023, 7), 18).writeTo(landing);
        assertThat(BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--run-date", "2024-09-30")).isZero();
        WarehouseLayout layout = new WarehouseLayout(warehouse);
        new SqlUsers(layout.stateDir()).add("bench", "bench-secret-1", "*");

        String floor = floor(new PublishedVersions(layout).current().orElseThrow().folder().resolve("warehouse.duckdb"));
        String served;
        SqlServerSettings settings = SqlServerSettings.defaults("127.0.0.1", 0).withLimits(Duration.ofMinutes(1), 100_000, CLIENTS);
        try (SqlServer server = SqlServer.start(layout, settings, System.err); FlightSqlClient client = new FlightSqlClient()) {
            served = client.ask("bench", "jdbc:arrow-flight-sql://127.0.0.1:" + server.port() + "?useEncryption=false",
                    "bench", "bench-secret-1", String.valueOf(CLIENTS), String.valueOf(SECONDS), BRIDGE);
        }
        System.out.println("sql-server bench, " + CLIENTS + " clients x " + SECONDS + " s, bridge query: Flight SQL JDBC "
                + served + " | DuckDB JDBC in-process floor " + floor);
        assertThat(served).startsWith("bench ").endsWith(" errors=0").doesNotContain("queries=0 ");
        assertThat(floor).endsWith(" errors=0");
    }

    /** 20 threads, each with its own connection to one read-only instance, as the server's statements have. */
    private static String floor(Path file) throws Exception {
        Properties readOnly = new Properties();
        readOnly.setProperty("access_mode", "READ_ONLY");
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        try (Connection root = DriverManager.getConnection("jdbc:duckdb:" + file, readOnly)) {
            try (Statement warmUp = root.createStatement(); ResultSet rows = warmUp.executeQuery(BRIDGE)) {
                while (rows.next()) {
                    rows.getObject(1);
                }
            }
            long end = System.nanoTime() + SECONDS * 1_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Connection connection = root.unwrap(DuckDBConnection.class).duplicate();
                Thread thread = new Thread(() -> {
                    try (connection) {
                        while (System.nanoTime() < end) {
                            long started = System.nanoTime();
                            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(BRIDGE)) {
                                while (rows.next()) {
                                    rows.getObject(1);
                                }
                                latencies.add(System.nanoTime() - started);
                            } catch (Exception e) {
                                errors.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "queries=%d qps=%.1f p50_ms=%.1f p95_ms=%.1f errors=%d", sorted.size(),
                sorted.size() / (double) SECONDS, FlightSqlJdbcProbe.percentile(sorted, 0.50),
                FlightSqlJdbcProbe.percentile(sorted, 0.95), errors.get());
    }
}
