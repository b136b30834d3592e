package dev.baton.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import dev.baton.warehouse.Sha256;
import dev.baton.warehouse.WarehouseLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A nightly run killed with SIGKILL in the middle of its model build leaves the published warehouse as it was. */
class KilledRunFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void killingTheNightDuringTheModelBuildLeavesThePublishedWarehouseUnchanged() throws Exception {
        // given a published night, and a project whose next night has a model that never finishes
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        assertThat(BatonCli.execute(runArguments(landing, warehouse, project, "2024-04-15"))).isZero();
        Path slowProject = Scenarios.copyProject(workspace.resolve("slow-project"));
        Files.writeString(slowProject.resolve("sql/marts/zz_slow_model.sql"), """
                /* model: zz_slow_model
                   grain: one row (days)
                   depends_on: dim_date
                */
                select count(*) as days
                from dim_date as a
                cross join dim_date as b
                cross join dim_date as c
                cross join dim_date as d
                cross join dim_date as e
                """);
        Path published = warehouse.resolve("warehouse.duckdb");
        String checksumBefore = Sha256.hex(published);
        String manifestBefore = Files.readString(warehouse.resolve("parquet/manifest.json"));
        PublishedWarehouse reader = new PublishedWarehouse(warehouse);
        long bridgeMonthsBefore = reader.count("select * from mart_mrr_bridge");

        // when the next night runs in its own process and is killed with SIGKILL while it builds models
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                BatonCli.class.getName()));
        command.addAll(List.of(runArguments(landing, warehouse, slowProject, "2024-04-16")));
        command.add("-Dbaton.duckdb.threads=1");
        Process night = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> log = new ArrayList<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(night.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            log.add(line);
            if (line.contains("model mart_ltv_cac built")) {
                break;
            }
        }
        Thread.sleep(1000);
        night.destroyForcibly();
        assertThat(night.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // then it died mid-build: SIGKILL, the last marts built, the slow model never finished, nothing published
        assertThat(night.exitValue()).as(String.join("\n", log)).isEqualTo(137);
        assertThat(log).anyMatch(line -> line.contains("model mart_ltv_cac built"));
        assertThat(log).noneMatch(line -> line.contains("zz_slow_model built") || line.contains("published"));
        assertThat(warehouse.resolve("build/nightly-2024-04-16.duckdb")).exists();

        // and the published warehouse is byte for byte the night before, and readable
        assertThat(Sha256.hex(published)).isEqualTo(checksumBefore);
        assertThat(warehouse.resolve("parquet/manifest.json")).content().isEqualTo(manifestBefore);
        assertThat(reader.row("select cast(run_date as varchar) as d from run_context").get("d")).isEqualTo("2024-04-15");
        assertThat(reader.count("select * from mart_mrr_bridge")).isEqualTo(bridgeMonthsBefore).isPositive();
        assertThat(reader.count("""
                select * from mart_mrr_bridge
                where opening_mrr + new + expansion - contraction - churn + reactivation + fx <> closing_mrr""")).isZero();
        assertThat(new PublishedVersions(new WarehouseLayout(warehouse)).list()).hasSize(1);

        // and the next night publishes as usual
        assertThat(BatonCli.execute(runArguments(landing, warehouse, project, "2024-04-17"))).isZero();
        assertThat(reader.row("select cast(run_date as varchar) as d from run_context").get("d")).isEqualTo("2024-04-17");
    }

    private static String[] runArguments(Path landing, Path warehouse, Path project, String runDate) {
        return new String[] {"run", "--landing", landing.toString(), "--warehouse", warehouse.toString(), "--project-dir",
                project.toString(), "--run-date", runDate, "-Dbaton.extract.max-quarantined-share=0.5"};
    }
}
