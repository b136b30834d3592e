package dev.baton.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;

import dev.baton.cli.BatonCli;
import dev.baton.generate.LandingGenerator;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import dev.baton.warehouse.WarehouseLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backfill of older nights builds and keeps them, but does not move the published warehouse back in time. */
class BackfillPublishFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void olderNightsAreKeptButNotPublishedUnlessAsked() throws Exception {
        // given 2024-12-02 published from a landing that covers 2024-01..2024-12 (fresh for every date below)
        Path landing = workspace.resolve("landing");
        new LandingGenerator(3, 60, YearMonth.of(2024, 1), 12).writeTo(landing);
        Path warehouse = workspace.resolve("warehouse");
        assertThat(command("run", landing, warehouse, "--run-date", "2024-12-02").exitCode()).isZero();
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        assertThat(runDate(published)).isEqualTo("2024-12-02");

        // when the three nights before it are backfilled, with only 2 versions to keep
        Scenarios.Captured backfill = command("backfill", landing, warehouse, "--from", "2024-11-28", "--to", "2024-11-30");

        // then each night completed, and each says in its summary line that it was kept, not published
        assertThat(backfill.exitCode()).as(backfill.err()).isZero();
        assertThat(backfill.out()).contains("Backfill 2024-11-28..2024-11-30: 3 run, 0 skipped");
        assertThat(backfill.out()).contains("run date 2024-11-30 is older than the published 2024-12-02: kept as version "
                + "000004-2024-11-30, not published; run it again with --rerun --publish-older to publish it");
        assertThat(backfill.out().lines().filter(line -> line.contains("completed for run date 2024-11-2")
                && line.contains("is older than the published 2024-12-02"))).hasSize(2);
        // and the published warehouse is still 2024-12-02, through every published name
        assertThat(runDate(published)).isEqualTo("2024-12-02");
        assertThat(warehouse.resolve("parquet/manifest.json")).content().contains("\"run_date\" : \"2024-12-02\"");
        // and keep-versions=2 over 4 versions keeps the two newest (11-29, 11-30) plus 12-02, the published and newest
        // night, though it is the oldest version: only 11-28 is pruned
        assertThat(new PublishedVersions(new WarehouseLayout(warehouse)).list()).extracting(PublishedVersions.Version::name)
                .containsExactly("000001-2024-12-02", "000003-2024-11-29", "000004-2024-11-30");
        assertThat(warehouse.resolve("versions/000004-2024-11-30/warehouse.duckdb")).isRegularFile();
        assertThat(warehouse.resolve("versions/000002-2024-11-28")).doesNotExist();

        // and the listing shows the kept nights as not published
        Scenarios.Captured listing = Scenarios.capture(() -> BatonCli.execute("publish", "--warehouse", warehouse.toString()));
        assertThat(listing.out()).isEqualTo("""
                * 000001-2024-12-02  run date 2024-12-02
                  000003-2024-11-29  run date 2024-11-29  (kept, not published: older than the published night)
                  000004-2024-11-30  run date 2024-11-30  (kept, not published: older than the published night)
                """);
        // and a rollback does not fall onto a night that was never published
        Scenarios.Captured rollback = Scenarios.capture(() -> BatonCli.execute("publish", "--rollback", "--warehouse", warehouse.toString()));
        assertThat(rollback.exitCode()).isEqualTo(2);
        assertThat(rollback.err()).contains("No version before 000001-2024-12-02");

        // when 2024-11-30 is run again with --publish-older
        Scenarios.Captured older = command("run", landing, warehouse, "--run-date", "2024-11-30", "--rerun", "--publish-older");

        // then it is published, and 2024-12-02 is kept as the newest night (and can be rolled back to)
        assertThat(older.exitCode()).as(older.err()).isZero();
        assertThat(older.out()).doesNotContain("is older than the published").contains("Published ");
        assertThat(runDate(published)).isEqualTo("2024-11-30");
        assertThat(Files.readSymbolicLink(warehouse.resolve("current")).toString()).isEqualTo("versions/000005-2024-11-30");
        assertThat(new PublishedVersions(new WarehouseLayout(warehouse)).list()).extracting(PublishedVersions.Version::name)
                .containsExactly("000001-2024-12-02", "000004-2024-11-30", "000005-2024-11-30");
        assertThat(Scenarios.capture(() -> BatonCli.execute("publish", "--rollback", "--warehouse", warehouse.toString())).exitCode())
                .isZero();
        assertThat(runDate(published)).isEqualTo("2024-12-02");
    }

    private static String runDate(PublishedWarehouse published) {
        return published.row("select cast(run_date as varchar) as d from run_context").get("d").toString();
    }

    private static Scenarios.Captured command(String command, Path landing, Path warehouse, String... more) throws Exception {
        String[] args = new String[more.length + 6];
        args[0] = command;
        args[1] = "--landing";
        args[2] = landing.toString();
        args[3] = "--warehouse";
        args[4] = warehouse.toString();
        args[5] = "-Dbaton.publish.keep-versions=2";
        System.arraycopy(more, 0, args, 6, more.length);
        return Scenarios.capture(() -> BatonCli.execute(args));
    }
}
