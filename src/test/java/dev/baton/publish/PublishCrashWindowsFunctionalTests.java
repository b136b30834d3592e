package dev.baton.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real jar, in its own process, stopped dead (as kill -9: no hooks, no finally) at each rename of the publish and
 * after it. Readers then see one night through all three published names, never two; and the same {@code run} again
 * finishes the date: a publish that already happened is recognised by the run its version records, so the date is
 * neither published twice nor stuck on a build file the dead process had already removed.
 */
class PublishCrashWindowsFunctionalTests {

    @TempDir
    Path workspace;

    @ParameterizedTest(name = "killed {0} of night {1}")
    @CsvSource({
        // point, night killed, the night readers see after the kill
        "after-version-renamed,    2024-04-16, 2024-04-15",
        "after-current-renamed,    2024-04-16, 2024-04-16",
        "after-build-file-removed, 2024-04-16, 2024-04-16",
        // the three names are made links through `current` on a warehouse's first publish only
        "after-warehouse.duckdb-linked, 2024-04-15, 2024-04-15",
    })
    void aPublishKilledAtEachPointShowsOneNightAndTheRunFinishesIt(String point, String killedNight, String seen) throws Exception {
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        boolean firstNight = killedNight.equals("2024-04-15");
        if (!firstNight) {
            assertThat(run(landing, warehouse, "2024-04-15").exitCode()).isZero();
        }

        Path output = workspace.resolve("killed.log");
        Process night = startKilledAt(point, landing, warehouse, killedNight, output);
        assertThat(night.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String log = Files.readString(output);
        assertThat(night.exitValue()).as(log).isEqualTo(CrashPoint.KILLED);

        // readers see one night through every name (on the first night, the names not linked yet are simply missing)
        Path database = warehouse.resolve("warehouse.duckdb");
        assertThat(runDate(warehouse)).isEqualTo(seen);
        if (!firstNight) {
            Path version = database.toRealPath().getParent();
            assertThat(warehouse.resolve("parquet").toRealPath().getParent()).isEqualTo(version);
            assertThat(warehouse.resolve("reporting.duckdb").toRealPath().getParent()).isEqualTo(version);
            assertThat(warehouse.resolve("parquet/manifest.json")).content().contains("\"run_date\" : \"" + seen + "\"");
        }

        // when the same run is started again
        Scenarios.Captured again = run(landing, warehouse, killedNight);

        // then it completes, with one version per night, all names on the new one, and no build file left
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(runDate(warehouse)).isEqualTo(killedNight);
        try (Stream<Path> versions = Files.list(warehouse.resolve("versions"))) {
            assertThat(versions.map(path -> path.getFileName().toString()).sorted().toList()).isEqualTo(firstNight
                    ? List.of("000001-2024-04-15") : List.of("000001-2024-04-15", "000002-2024-04-16"));
        }
        Path version = database.toRealPath().getParent();
        assertThat(version.getFileName().toString()).endsWith(killedNight);
        assertThat(warehouse.resolve("parquet").toRealPath().getParent()).isEqualTo(version);
        assertThat(warehouse.resolve("reporting.duckdb").toRealPath().getParent()).isEqualTo(version);
        assertThat(warehouse.resolve("parquet/manifest.json")).content().contains("\"run_date\" : \"" + killedNight + "\"");
        assertThat(version.resolve(PublishedVersions.RUN)).content().isEqualTo("job nightly run date " + killedNight + " attempt 0\n");
        assertThat(warehouse.resolve("build/nightly-" + killedNight + ".duckdb")).doesNotExist();
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        assertThat(published.count("select * from read_parquet('" + warehouse.resolve("parquet/fct_deal/fct_deal.parquet") + "')"))
                .isEqualTo(published.count("select * from fct_deal")).isPositive();
    }

    private static Process startKilledAt(String point, Path landing, Path warehouse, String runDate, Path output) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-Duser.timezone=UTC", "-D" + CrashPoint.PROPERTY + "=" + point,
                "-cp", System.getProperty("java.class.path"), BatonCli.class.getName(), "run", "--landing", landing.toString(),
                "--warehouse", warehouse.toString(), "--run-date", runDate, "-Dbaton.extract.max-quarantined-share=0.5"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private static String runDate(Path warehouse) {
        return new PublishedWarehouse(warehouse).row("select cast(run_date as varchar) as d from run_context").get("d").toString();
    }

    private static Scenarios.Captured run(Path landing, Path warehouse, String runDate) throws Exception {
        return Scenarios.capture(() -> BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--run-date", runDate, "-Dbaton.extract.max-quarantined-share=0.5"));
    }
}
