package dev.baton.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import dev.baton.warehouse.WarehouseLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every publish is a kept version; the last N stay, and a rollback points every published name back. */
class RollbackFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void keepsTheLastVersionsAndRollsBackToThePreviousOne() throws Exception {
        // given two published nights, two versions kept
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        for (String night : new String[] {"2024-04-15", "2024-04-16"}) {
            assertThat(run(landing, warehouse, night).exitCode()).isZero();
        }
        PublishedWarehouse published = new PublishedWarehouse(warehouse);

        // then both are kept, the newest is published, and the listing marks it
        Scenarios.Captured listing = Scenarios.capture(() -> BatonCli.execute("publish", "--warehouse", warehouse.toString()));
        assertThat(listing.out()).isEqualTo("  000001-2024-04-15  run date 2024-04-15\n* 000002-2024-04-16  run date 2024-04-16\n");
        assertThat(runDate(published)).isEqualTo("2024-04-16");
        assertThat(Files.isSymbolicLink(warehouse.resolve("parquet"))).isTrue();
        assertThat(warehouse.resolve("parquet/manifest.json")).content().contains("\"run_date\" : \"2024-04-16\"");

        // when rolled back
        Scenarios.Captured rollback = Scenarios.capture(() -> BatonCli.execute("publish", "--rollback", "--warehouse", warehouse.toString()));

        // then the database, the Parquet export and the reporting catalog are the night before
        assertThat(rollback.exitCode()).isZero();
        assertThat(rollback.out()).contains("version 000001-2024-04-15");
        assertThat(runDate(published)).isEqualTo("2024-04-15");
        assertThat(warehouse.resolve("parquet/manifest.json")).content().contains("\"run_date\" : \"2024-04-15\"");
        assertThat(new PublishedWarehouse(warehouse).count("select * from mart_mrr_bridge")).isPositive();
        assertThat(Files.isSameFile(warehouse.resolve("reporting.duckdb"),
                warehouse.resolve("versions/000001-2024-04-15/reporting.duckdb"))).isTrue();

        // and there is nothing before the oldest kept version
        Scenarios.Captured tooFar = Scenarios.capture(() -> BatonCli.execute("publish", "--rollback", "--warehouse", warehouse.toString()));
        assertThat(tooFar.exitCode()).isEqualTo(2);
        assertThat(tooFar.err()).contains("No version before 000001-2024-04-15");
        assertThat(runDate(published)).isEqualTo("2024-04-15");

        // when the next night publishes, it becomes current and the oldest version falls out
        assertThat(run(landing, warehouse, "2024-04-17").exitCode()).isZero();
        assertThat(runDate(published)).isEqualTo("2024-04-17");
        assertThat(new PublishedVersions(new WarehouseLayout(warehouse)).list())
                .extracting(PublishedVersions.Version::name).containsExactly("000002-2024-04-16", "000003-2024-04-17");
    }

    private static String runDate(PublishedWarehouse published) {
        return published.row("select cast(run_date as varchar) as d from run_context").get("d").toString();
    }

    private static Scenarios.Captured run(Path landing, Path warehouse, String runDate) throws Exception {
        return Scenarios.capture(() -> BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--run-date", runDate, "-Dbaton.extract.max-quarantined-share=0.5", "-Dbaton.publish.keep-versions=2"));
    }
}
