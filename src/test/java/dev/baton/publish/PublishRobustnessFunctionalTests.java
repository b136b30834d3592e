package dev.baton.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import dev.baton.warehouse.WarehouseLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a publish that died leaves behind, a rollback racing a publish, and a warehouse folder that moved. */
class PublishRobustnessFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void debrisOfDeadPublishesIsNeverAVersionAndRollbackIsRefusedDuringAPublish() throws Exception {
        // given one published night, and what two publishes that died later left: a half-written incoming folder,
        // and a version folder committed (renamed) but never switched to
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        assertThat(run(landing, warehouse, "2024-04-15").exitCode()).isZero();
        Path versions = warehouse.resolve("versions");
        Files.createDirectories(versions.resolve(".incoming-2024-04-16/parquet/fct_deal"));
        Path neverSwitched = versions.resolve("000002-2024-04-16");
        Files.createDirectories(neverSwitched.resolve("parquet"));
        Files.copy(versions.resolve("000001-2024-04-15/warehouse.duckdb"), neverSwitched.resolve("warehouse.duckdb"));
        assertThat(versions.resolve("000001-2024-04-15/.switched")).exists();

        // then the listing shows only the version that was published, and there is nothing to roll back to
        Scenarios.Captured listing = publish("--warehouse", warehouse.toString());
        assertThat(listing.out()).isEqualTo("* 000001-2024-04-15  run date 2024-04-15\n");
        Scenarios.Captured rollback = publish("--rollback", "--warehouse", warehouse.toString());
        assertThat(rollback.exitCode()).isEqualTo(2);
        assertThat(rollback.err()).contains("No version before 000001-2024-04-15");

        // when the next night publishes
        assertThat(run(landing, warehouse, "2024-04-16").exitCode()).isZero();

        // then the debris is gone and the new night took the next sequence number as a real version
        try (var entries = Files.list(versions)) {
            assertThat(entries.map(path -> path.getFileName().toString()).sorted())
                    .containsExactly("000001-2024-04-15", "000002-2024-04-16");
        }
        assertThat(neverSwitched.resolve(".switched")).exists();
        assertThat(publish("--warehouse", warehouse.toString()).out())
                .isEqualTo("  000001-2024-04-15  run date 2024-04-15\n* 000002-2024-04-16  run date 2024-04-16\n");
        assertThat(Files.isSameFile(warehouse.resolve("warehouse.duckdb"), neverSwitched.resolve("warehouse.duckdb"))).isTrue();

        // when a publish holds the lock (as the publish step does from preparing its folder to pruning)
        try (PublishLock publishing = PublishLock.tryAcquire(new WarehouseLayout(warehouse),
                "job 'nightly' publishing run date 2024-04-17").orElseThrow()) {
            Scenarios.Captured refused = publish("--rollback", "--warehouse", warehouse.toString());
            Scenarios.Captured refresh = publish("--refresh-catalog", "--warehouse", warehouse.toString());

            // then a rollback or a catalog refresh is refused with a usage exit code naming the holder, and nothing changed
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.err()).contains("being changed right now by job 'nightly' publishing run date 2024-04-17");
            assertThat(refresh.exitCode()).isEqualTo(2);
            assertThat(runDate(warehouse)).isEqualTo("2024-04-16");
        }

        // and once the lock is released the rollback goes through
        assertThat(publish("--rollback", "--warehouse", warehouse.toString()).exitCode()).isZero();
        assertThat(runDate(warehouse)).isEqualTo("2024-04-15");
    }

    @Test
    void refreshCatalogRepointsTheReportingViewsAfterTheWarehouseFolderMoved() throws Exception {
        // given a published night whose folder is then moved elsewhere
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path original = workspace.resolve("warehouse");
        assertThat(run(landing, original, "2024-04-15").exitCode()).isZero();
        long bridgeRows = new PublishedWarehouse(original).count("select * from mart_mrr_bridge");
        assertThat(bridgeRows).isPositive();
        Path moved = Files.move(original, workspace.resolve("moved-warehouse"));

        // then warehouse.duckdb and the parquet link still work, but reporting.duckdb names the old absolute paths
        assertThat(new PublishedWarehouse(moved).count("select * from mart_mrr_bridge")).isEqualTo(bridgeRows);
        assertThat(moved.resolve("parquet/manifest.json")).exists();
        assertThatThrownBy(() -> reportingCount(moved, "mart_mrr_bridge"))
                .isInstanceOf(SQLException.class).hasMessageContaining(original.toString());

        // when the catalog is refreshed
        Scenarios.Captured refresh = publish("--refresh-catalog", "--warehouse", moved.toString());

        // then the published reporting.duckdb reads the moved Parquet files: the same rows as the warehouse,
        // through the Parquet views and through a bi view built on them
        assertThat(refresh.exitCode()).as(refresh.err()).isZero();
        assertThat(refresh.out()).contains("Rebuilt reporting.duckdb of version 000001-2024-04-15");
        assertThat(reportingCount(moved, "mart_mrr_bridge")).isEqualTo(bridgeRows);
        assertThat(reportingCount(moved, "bi_revenue_bridge"))
                .isEqualTo(new PublishedWarehouse(moved).count("select * from bi_revenue_bridge")).isPositive();
        assertThat(Files.isSameFile(moved.resolve("reporting.duckdb"), moved.resolve("versions/000001-2024-04-15/reporting.duckdb"))).isTrue();
    }

    private static long reportingCount(Path warehouse, String view) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:duckdb:" + warehouse.resolve("reporting.duckdb").toAbsolutePath() + ";access_mode=READ_ONLY");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from " + view)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String runDate(Path warehouse) {
        return new PublishedWarehouse(warehouse).row("select cast(run_date as varchar) as d from run_context").get("d").toString();
    }

    private static Scenarios.Captured publish(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "publish";
        System.arraycopy(args, 0, command, 1, args.length);
        return Scenarios.capture(() -> BatonCli.execute(command));
    }

    private static Scenarios.Captured run(Path landing, Path warehouse, String runDate) throws Exception {
        return Scenarios.capture(() -> BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--run-date", runDate, "-Dbaton.extract.max-quarantined-share=0.5"));
    }
}
