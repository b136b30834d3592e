package dev.baton.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.concurrent.TimeUnit;

import dev.baton.cli.BatonCli;
import dev.baton.generate.LandingGenerator;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import dev.baton.warehouse.WarehouseLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} with {@code baton.sql-server.enabled=true} hosts the endpoint beside its schedules, in its own process. */
class SqlServerInServeFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void serveHostsTheEndpointWhenEnabled() throws Exception {
        // given a published night, a user, and a project whose one schedule never fires and catches nothing up
        Path landing = workspace.resolve("landing");
        Path warehouse = workspace.resolve("warehouse");
        new LandingGenerator(5, 60, YearMonth.of(2023, 7), 18).writeTo(landing);
        assertThat(BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--run-date", "2024-09-30")).isZero();
        new SqlUsers(new WarehouseLayout(warehouse).stateDir()).add("ops", "ops-secret-77", "bi_*");
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Files.writeString(project.resolve("schedules/nightly.yml"), """
                name: nightly
                job: nightly
                cron: "0 0 3 1 1 ? 2099"
                time_zone: UTC
                run_date: previous_day
                misfire: none
                """);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = workspace.resolve("serve.log");

        // when serve runs in its own process with the endpoint enabled
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Duser.timezone=UTC", "-Xmx512m",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "dev.baton.cli.BatonCli", "serve",
                "--landing", landing.toString(), "--project-dir", project.toString(), "--warehouse", warehouse.toString(),
                "-Dbaton.sql-server.enabled=true", "-Dbaton.sql-server.port=" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (FlightSqlClient client = new FlightSqlClient()) {
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (!Files.readString(log).contains("schedule(s) running")) {
                assertThat(serve.isAlive()).as(Files.readString(log)).isTrue();
                assertThat(Instant.now()).as(Files.readString(log)).isBefore(deadline);
                Thread.sleep(200);
            }
            assertThat(Files.readString(log)).contains("sql-server listening on 127.0.0.1:" + port);

            // then a JDBC client reads a bi view through it, and only what the user may read
            long expected = new PublishedWarehouse(warehouse).count("select * from bi_revenue_bridge");
            String url = "jdbc:arrow-flight-sql://127.0.0.1:" + port + "?useEncryption=false";
            assertThat(client.ask("connect", url, "ops", "ops-secret-77")).isEqualTo("connected");
            assertThat(client.ask("query", "select count(*) from bi_revenue_bridge")).isEqualTo("ok rows=1 first=" + expected);
            assertThat(client.ask("query", "select count(*) from mart_mrr_bridge")).startsWith("error").contains("may not read mart_mrr_bridge");
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(2, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(Files.readString(log)).contains("serve: stopped");
    }
}
