package dev.baton.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.baton.cli.BatonCli;
import dev.baton.generate.LandingGenerator;
import dev.baton.support.PublishedWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dashboards in another JVM read the published warehouse while the nightly job rebuilds and publishes three
 * times in this one: no reader sees an error or a partial snapshot, and no night waits for a reader.
 */
class ConcurrentReaderFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void readersInAnotherProcessSeeOnlyWholeSnapshotsWhileThreeNightsPublish() throws Exception {
        // given a published night, and two reader processes: one opening a connection per query, one holding one
        Path landing = workspace.resolve("landing");
        Path warehouse = workspace.resolve("warehouse");
        new LandingGenerator(5, 60, YearMonth.of(2023, 7), 18).writeTo(landing);
        assertThat(run(landing, warehouse, "2024-09-30")).isZero();
        Path stop = workspace.resolve("stop");
        Process fresh = startReader(warehouse, "fresh", stop);
        Process held = startReader(warehouse, "hold", stop);
        awaitReady(fresh);
        awaitReady(held);

        // when three nights rebuild and publish while both read
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        for (String night : List.of("2024-10-31", "2024-11-30", "2024-12-31")) {
            assertThat(run(landing, warehouse, night)).as("night %s", night).isZero();
            assertThat(published.row("select cast(run_date as varchar) as d from run_context").get("d")).isEqualTo(night);
            Thread.sleep(300); // let the per-query reader open at least one connection on this night
        }
        Files.createFile(stop);

        // then neither reader saw an error or an unbalanced bridge
        String freshReport = finish(fresh);
        String heldReport = finish(held);
        assertThat(freshReport).contains("errors=0");
        assertThat(heldReport).contains("errors=0");
        // the per-query reader moved on to every night; the held connection kept its snapshot throughout
        assertThat(freshReport).contains("run_dates=2024-09-30,2024-10-31,2024-11-30,2024-12-31");
        assertThat(heldReport).contains("run_dates=2024-09-30\n");
        assertThat(queries(freshReport)).isGreaterThan(10);
        assertThat(queries(heldReport)).isGreaterThan(10);
    }

    private static int run(Path landing, Path warehouse, String runDate) {
        return BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(), "--run-date", runDate);
    }

    private static Process startReader(Path warehouse, String mode, Path stop) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), SnapshotReader.class.getName(),
                warehouse.resolve("warehouse.duckdb").toString(), mode, stop.toString())
                .redirectErrorStream(true)
                .start();
    }

    private static void awaitReady(Process reader) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(reader.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).as("reader's first line").isEqualTo("ready");
    }

    private static String finish(Process reader) throws Exception {
        assertThat(reader.waitFor(60, TimeUnit.SECONDS)).as("reader stopped").isTrue();
        String report = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(reader.exitValue()).as(report).isZero();
        return report;
    }

    private static long queries(String report) {
        return report.lines().filter(line -> line.startsWith("queries=")).mapToLong(line -> Long.parseLong(line.substring(8)))
                .findFirst().orElse(0);
    }
}
