package dev.baton;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.baton.cli.BatonCli;
import dev.baton.generate.GenerationSummary;
import dev.baton.generate.LandingGenerator;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole nightly job on generated data: every audit passes, nothing is lost, every mart is filled. */
class GeneratedNightFunctionalTests {

    @TempDir
    static Path workspace;

    static GenerationSummary generated;
    static PublishedWarehouse published;
    static Path warehouse;

    @BeforeAll
    static void generateAndRunOneNight() throws Exception {
        Path landing = workspace.resolve("landing");
        warehouse = workspace.resolve("warehouse");
        generated = new LandingGenerator(7, 400, YearMonth.of(2023, 1), 24).writeTo(landing);

        int exitCode = BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--run-date", "2024-12-31");

        assertThat(exitCode).isZero();
        published = new PublishedWarehouse(warehouse);
    }

    @Test
    void everyRowReadIsLoadedOrQuarantined() {
        List<Map<String, Object>> reconciliation = published.rows(
                "select entity, sum(rows_read) as rows_read, sum(rows_loaded) as rows_loaded, sum(rows_quarantined) as rows_quarantined "
                        + "from load_reconciliation group by entity");
        assertThat(reconciliation).hasSize(8);
        for (Map<String, Object> entity : reconciliation) {
            long read = ((Number) entity.get("rows_read")).longValue();
            assertThat(read).as("rows read of %s", entity.get("entity"))
                    .isEqualTo(generated.rowsPerEntity().get((String) entity.get("entity")));
            assertThat(((Number) entity.get("rows_loaded")).longValue() + ((Number) entity.get("rows_quarantined")).longValue())
                    .isEqualTo(read);
        }
        assertThat(published.count("select * from quarantine")).as("generated data is clean").isZero();
    }

    @Test
    void everyAuditPassedIncludingTheBridge() {
        assertThat(published.count("select * from audit_results where not passed and severity = 'error'")).isZero();
        assertThat(published.rows("select audit_name from audit_results")).extracting(row -> row.get("audit_name"))
                .contains("mart_mrr_bridge__balances", "mart_mrr_bridge__opening_is_previous_closing",
                        "fct_mrr_month__sum_matches_bridge", "load_reconciliation__rows_balance", "fct_mrr_month__grain_is_unique");
        // checked here too, independently of the audit's own SQL
        assertThat(published.count("""
                select * from mart_mrr_bridge
                where opening_mrr + new + expansion - contraction - churn + reactivation + fx <> closing_mrr""")).isZero();
    }

    @Test
    void martsHoldTheLifeOfABusiness() {
        // one bridge row per month, without gaps, from the first paid month to the run month
        YearMonth firstPaid = YearMonth.parse(published.row("select cast(min(month) as varchar) as m from mart_mrr_bridge")
                .get("m").toString().substring(0, 7));
        long months = firstPaid.until(YearMonth.of(2024, 12), ChronoUnit.MONTHS) + 1;
        assertThat(firstPaid).isBetween(YearMonth.of(2023, 1), YearMonth.of(2023, 3));
        assertThat(published.count("select * from mart_mrr_bridge")).isEqualTo(months);
        assertThat(published.decimal("select sum(churn) from mart_mrr_bridge")).isPositive();
        assertThat(published.decimal("select sum(reactivation) from mart_mrr_bridge")).isPositive();
        assertThat(published.decimal("select sum(fx) from mart_mrr_bridge where fx <> 0")).isNotNull();
        assertThat(published.count("select * from mart_churn_monthly where segment = 'all'")).isEqualTo(months);
        assertThat(published.count("select * from mart_cohort_nrr where months_since_start = 0")).isEqualTo(months);
        assertThat(published.count("select * from mart_ltv_cac where ltv is not null and cac is not null")).isPositive();
        assertThat(published.decimal("select sum(closing_mrr) from mart_mrr_bridge where month = date '2024-12-01'"))
                .isEqualByComparingTo(published.decimal("select sum(mrr) from fct_mrr_month where month_start = date '2024-12-01'"));
    }

    @Test
    void everyCoreAndMartTableHasAParquetCopyWithTheSameRows() throws Exception {
        for (String table : List.of("dim_account", "fct_mrr_month", "fct_mrr_movement", "mart_cohort_nrr", "mart_churn_monthly",
                "mart_ltv_cac", "fct_ticket", "fct_handoff")) {
            // large facts are split into Hive month folders (<table>/month_start=.../data_0.parquet)
            Path folder = warehouse.resolve("parquet").resolve(table);
            assertThat(folder).isDirectory();
            long rows = published.count("select * from read_parquet('" + folder + "/**/*.parquet', hive_partitioning = false)");
            assertThat(rows).as(table).isPositive().isEqualTo(published.count("select * from " + table));
        }
        assertThat(Files.list(warehouse.resolve("build")).toList()).as("the build file was moved, not copied").isEmpty();
    }

    @Test
    void queryCommandPrintsATableAndSafeCsv() throws Exception {
        var table = Scenarios.capture(() -> BatonCli.execute("query", "--warehouse", warehouse.toString(),
                "select cohort_month, months_since_start, nrr from mart_cohort_nrr order by 1, 2 limit 5"));
        assertThat(table.exitCode()).isZero();
        String firstCohort = published.row("select cast(min(cohort_month) as varchar) as m from mart_cohort_nrr").get("m").toString();
        // nrr is a rate: six decimals in a table (month 0 is exactly 1), right-aligned under its header
        assertThat(table.out()).contains("cohort_month | months_since_start |      nrr")
                .contains(firstCohort + "   |                  0 | 1.000000")
                .contains("(5 rows)");

        var csv = Scenarios.capture(() -> BatonCli.execute("query", "--csv", "--warehouse", warehouse.toString(),
                "select '=HYPERLINK(1)' as label, -5 as n"));
        assertThat(csv.out()).isEqualTo("label,n\n'=HYPERLINK(1),-5\n");

        var readOnly = Scenarios.capture(() -> BatonCli.execute("query", "--warehouse", warehouse.toString(),
                "delete from mart_ltv_cac"));
        assertThat(readOnly.exitCode()).isEqualTo(1);
        assertThat(readOnly.err()).contains("read-only");
        assertThat(published.count("select * from mart_ltv_cac")).isPositive();
    }

    @Test
    void queryWithoutAPublishedWarehouseIsAUsageError() throws Exception {
        var missing = Scenarios.capture(() -> BatonCli.execute("query", "--warehouse",
                workspace.resolve("nowhere").toString(), "select 1"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("No published warehouse").contains("nowhere");
    }

}
