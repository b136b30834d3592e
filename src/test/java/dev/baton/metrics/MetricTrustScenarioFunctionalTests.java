package dev.baton.metrics;

import static dev.baton.metrics.MetricTrustScenario.RUN_DATE;
import static dev.baton.metrics.MetricTrustScenario.append;
import static dev.baton.metrics.MetricTrustScenario.money;
import static dev.baton.metrics.MetricTrustScenario.run;
import static dev.baton.metrics.MetricTrustScenario.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of issue 17 for MRR, churn, retention, currencies and the run month on scenario {@code metric_trust}
 * (worked out by hand in {@link MetricTrustScenario}); spend, CAC and LTV: MetricTrustUnitEconomicsFunctionalTests.
 */
class MetricTrustScenarioFunctionalTests {

    @TempDir
    static Path workspace;

    static PublishedWarehouse defaults;
    static Scenarios.Captured broken;
    static Path brokenWarehouse;

    @BeforeAll
    static void runTheScenarioWithItsDefaultsAndBroken() throws Exception {
        Path landing = Scenarios.copy("metric_trust", workspace.resolve("landing"));
        assertThat(run(landing, workspace.resolve("defaults"))).isZero();
        defaults = new PublishedWarehouse(workspace.resolve("defaults"));

        Path bad = Scenarios.copy("metric_trust", workspace.resolve("landing-broken"));
        append(bad.resolve("spend.csv"), "2024-05,events,marketing,100.00,GBP", "2025-03,organic,marketing,100.00,USD");
        append(bad.resolve("accounts.csv"),
                "G1,Pounds Before Rates Ltd,smb,retail,GB,organic,Dana Reyes,Sam Cole,2023-09-01T09:00:00Z,2023-09-01T09:00:00Z");
        append(bad.resolve("subscriptions.csv"), "SG1,G1,addon,1,100.00,GBP,1,0,2023-10-01,2023-12-01,active,2023-10-01T00:00:00Z");
        brokenWarehouse = workspace.resolve("broken");
        broken = Scenarios.capture(() -> run(bad, brokenWarehouse));
    }

    private static Map<String, Object> churnAll(String month) {
        return defaults.row("select * from mart_churn_monthly where segment = 'all' and month = date '" + month + "-01'");
    }

    // item 1 -----------------------------------------------------------------------------------------------------

    @Test
    void aPauseThatEndsWithNothingPayingChurnsTheLogoWithZeroMrrAndTheReturnIsAReactivation() {
        // paying Jan-Mar, paused April-May (contraction 100 in April), nothing on June 30: churn of 0 MRR in June;
        // back at 100 on September 30: reactivation
        assertThat(timeline(defaults, "P1", "2024-01", "2024-10")).containsExactly(
                "2024-01 100 new", "2024-02 100 none", "2024-03 100 none", "2024-04 0 contraction", "2024-05 0 none",
                "2024-06 0 churn", "2024-07 0 none", "2024-08 0 none", "2024-09 100 reactivation", "2024-10 100 none");
        assertThat(defaults.decimal("select churned_mrr from fct_mrr_movement where account_id = 'P1' and month_start = date '2024-06-01'"))
                .as("the pause already took the 100 as contraction").isEqualByComparingTo("0");
        // June: customers at the end of May = P3, P1 (paused), P2 (paused), E1, C1, Q1, L1 = 7; one churn (P1) -> 1/7
        Map<String, Object> june = churnAll("2024-06");
        assertThat(june.get("starting_accounts")).isEqualTo(7L);
        assertThat(june.get("churned_accounts")).isEqualTo(1L);
        assertThat((Double) june.get("logo_churn_rate")).isCloseTo(1.0 / 7, within(1e-12));
        assertThat(churnAll("2024-09").get("reactivated_accounts")).isEqualTo(1L);
    }

    @Test
    void aPausedAccountIsACustomerInStartingAccountsAndTheOpeningSetOfNrrAndGrr() {
        // March 2024 opens with the customers of February 29: P3 (paused, 0), P1 100, P2 200, C1 100, Q1 500, R1 50,
        // L1 300 = 7 accounts, 1250. Closing at February's rates: P3 resumes 150 (expansion inside NRR), P1 100, P2 200,
        // C1 100, Q1 500, R1 0, L1 300 = 1350 -> NRR 1350 / 1250. GRR caps P3 at its opening 0: 1200 / 1250.
        // R1 churns: logo churn 1 / 7. (E1 is new in March and never counts.)
        Map<String, Object> march = churnAll("2024-03");
        assertThat(march.get("starting_accounts")).isEqualTo(7L);
        assertThat(new BigDecimal(march.get("starting_mrr").toString())).isEqualByComparingTo("1250");
        assertThat((Double) march.get("nrr")).isCloseTo(1350.0 / 1250, within(1e-12));
        assertThat((Double) march.get("grr")).isCloseTo(1200.0 / 1250, within(1e-12));
        assertThat((Double) march.get("logo_churn_rate")).isCloseTo(1.0 / 7, within(1e-12));
        Map<String, Object> retention = defaults.row("select * from mart_retention_monthly where month = date '2024-03-01'");
        assertThat(retention.get("starting_accounts")).isEqualTo(7L);
        assertThat((Double) retention.get("nrr")).isCloseTo(1350.0 / 1250, within(1e-12));
        assertThat((Double) retention.get("grr")).isCloseTo(1200.0 / 1250, within(1e-12));
        // the bridge tells the same story: March expansion 150 is P3's resume
        assertThat(defaults.decimal("select expansion from mart_mrr_bridge where month = date '2024-03-01'")).isEqualByComparingTo("150");
    }

    @Test
    void aPausedAccountStaysActiveInItsCohort() {
        // January 2024 cohort: P1 100, P2 200, C1 100, R1 50, L1 300 = 750 (P3 is the December cohort).
        // May (k = 4): P1 paused, P2 paused, C1 100, R1 gone, L1 300 -> 4 of 5 customers, MRR 400.
        // June (k = 5): P1's pause lapsed -> P2 (paused), C1, L1 = 3 of 5.
        List<Map<String, Object>> january = defaults.rows(
                "select * from mart_cohort_nrr where cohort_month = date '2024-01-01' and months_since_start in (4, 5) order by months_since_start");
        assertThat(january).extracting(row -> row.get("active_accounts")).containsExactly(4L, 3L);
        assertThat((Double) january.get(0).get("logo_retention")).isCloseTo(4.0 / 5, within(1e-12));
        assertThat((Double) january.get(0).get("nrr")).isCloseTo(400.0 / 750, within(1e-12));
        // December 2023 cohort (P3 alone), January: paused, 0 MRR, still a customer
        Map<String, Object> december = defaults.row(
                "select * from mart_cohort_nrr where cohort_month = date '2023-12-01' and months_since_start = 1");
        assertThat((Double) december.get("logo_retention")).isEqualTo(1.0);
        assertThat((Double) december.get("nrr")).isEqualTo(0.0);
    }

    @Test
    void trailingTwelveMonthsOpenWithPausedCustomersAndValueACurrencyWithoutRateYetAtItsEarliestRate() {
        // T12M ending January 2025 opens with the customers of January 2024: P3 (paused, 0), P1 100, P2 200, C1 100,
        // R1 50, L1 300 = 6 accounts, 750. In January 2025 at January 2024 rates (GBP had none yet: its earliest, 1.20):
        // P3 150, P1 100, P2 200, C1 100 + 100 x 1.20 = 220, R1 0, L1 300 = 970 -> NRR 970 / 750.
        // GRR caps each at its opening: 0 + 100 + 200 + 100 + 0 + 300 = 700 -> 700 / 750. Customers now: all but R1 -> 5 / 6.
        Map<String, Object> january = defaults.row("select * from mart_retention_monthly where month = date '2025-01-01'");
        assertThat(january.get("t12m_starting_accounts")).isEqualTo(6L);
        assertThat(new BigDecimal(january.get("t12m_starting_mrr").toString())).isEqualByComparingTo("750");
        assertThat((Double) january.get("t12m_nrr")).isCloseTo(970.0 / 750, within(1e-12));
        assertThat((Double) january.get("t12m_grr")).isCloseTo(700.0 / 750, within(1e-12));
        assertThat((Double) january.get("t12m_logo_retention")).isCloseTo(5.0 / 6, within(1e-12));
        // T12M ending December 2024 opens in December 2023: P3 alone, 150 then and now
        Map<String, Object> december = defaults.row("select * from mart_retention_monthly where month = date '2024-12-01'");
        assertThat(december.get("t12m_starting_accounts")).isEqualTo(1L);
        assertThat((Double) december.get("t12m_nrr")).isEqualTo(1.0);
    }

    // items 2 and 3 ------------------------------------------------------------------------------------------------

    @Test
    void aFirstPayingMonthInACurrencyNeedsNoRateForThePreviousMonth() {
        // E1's first month (March 2024) is the EUR feed's first month: no February rate is needed, as nothing was paid
        // in EUR in February. 1000 x 1.10 = 1100 new; June 1000 x (1.20 - 1.10) = fx 100
        assertThat(timeline(defaults, "E1", "2024-03", "2024-07")).containsExactly(
                "2024-03 1100 new", "2024-04 1100 none", "2024-05 1100 none", "2024-06 1200 fx", "2024-07 1200 none");
        assertThat(defaults.count("select * from audit_results where not passed and severity = 'error'")).isZero();
        assertThat(defaults.row("select passed from audit_results where audit_name = 'fct_mrr_month__has_fx_rates'").get("passed"))
                .isEqualTo(true);
    }

    @Test
    void cohortValuesACurrencyWithNoRateYetInTheCohortMonthAtItsEarliestRate() {
        // C1 (referral, alone in its January cohort): 100 USD, + 100 GBP from July. At the cohort month's rates GBP
        // has none (its first is 2024-06-15), so it is valued at that earliest rate 1.20: July = 100 + 120 = 220,
        // NRR 220 / 100 = 2.2 (not 1.0 with the GBP dropped); GRR caps at 100.
        Map<String, Object> referral = defaults.row("""
                select * from mart_cohort_nrr_by_dimension where dimension = 'acquisition_channel' and dimension_value = 'referral'
                and cohort_month = date '2024-01-01' and months_since_start = 6""");
        assertThat((Double) referral.get("nrr")).isCloseTo(2.2, within(1e-12));
        assertThat((Double) referral.get("grr")).isEqualTo(1.0);
        // the whole January cohort in July: P1 0, P2 200, C1 220, R1 0, L1 300 = 720 / 750; GRR 200 + 100 + 300 = 600 / 750
        Map<String, Object> all = defaults.row(
                "select * from mart_cohort_nrr where cohort_month = date '2024-01-01' and months_since_start = 6");
        assertThat((Double) all.get("nrr")).isCloseTo(720.0 / 750, within(1e-12));
        assertThat((Double) all.get("grr")).isCloseTo(600.0 / 750, within(1e-12));
        // in the bridge July's GBP counts at June's month-end 1.25 (expansion 125) and moves to 1.30 (fx 5)
        assertThat(timeline(defaults, "C1", "2024-06", "2024-08")).containsExactly(
                "2024-06 100 none", "2024-07 230 expansion", "2024-08 230 none");
        assertThat(defaults.decimal("select fx_mrr from fct_mrr_movement where account_id = 'C1' and month_start = date '2024-07-01'"))
                .isEqualByComparingTo("5");
    }

    @Test
    void mrrOrSpendWithoutARateFailsTheNightNamingWhatIsMissing() {
        // added rows: G1 pays 100 GBP in October and November 2023 (GBP's first rate is dated 2024-06-15); spend 100 GBP
        // for events in May 2024 (no GBP rate on or before May 31); spend dated March 2025, after the run month (left to its night). (A
        // currency with no rate at all is quarantined by the extract, so the constant-currency audit cannot fail here.)
        String output = broken.out() + broken.err();
        assertThat(broken.exitCode()).isNotZero();
        assertThat(output).contains("audit failed, nothing published")
                .contains("int_mrr_account_month_currency__has_fx_rates returned 2 row(s), e.g. {account_id=G1")
                .contains("stg_spend__has_fx_rates returned 1 row(s), e.g. {channel=events, month_start=2024-05-01, currency=GBP")
                // March 2025 is after the run month (January): not yet in the books on the run date, so no failure; a
                // backfill of an earlier date with today's landing folder must not fail on later spend
                .doesNotContain("stg_spend__within_month_spine returned");
        assertThat(brokenWarehouse.resolve("warehouse.duckdb")).doesNotExist();
        PublishedWarehouse build = new PublishedWarehouse(brokenWarehouse.resolve("build"), "nightly-" + RUN_DATE + ".duckdb");
        assertThat(build.count("select * from mart_ltv_cac where month > date '2025-01-01'")).isZero();
        // the old check does not see G1: it never reaches a valued month, so fct_mrr_month has no row of it
        assertThat(build.count("select * from fct_mrr_month where account_id = 'G1'")).isZero();
        assertThat(build.row("select passed from audit_results where audit_name = 'fct_mrr_month__has_fx_rates'").get("passed"))
                .isEqualTo(true);
        assertThat(build.row("select passed from audit_results where audit_name = "
                + "'int_fx_rates_at_month_end__constant_rate_for_every_mrr_currency'").get("passed")).isEqualTo(true);
    }

    // item 5 -------------------------------------------------------------------------------------------------------

    @Test
    void theRunMonthIsValuedOnTheRunDateAndSaysItIsPartial() {
        // Q1 is paid to 2025-01-20 (canceled 2025-01-02): on the run date 2025-01-15 it is still in force, so January
        // 2025 keeps its 500 and no churn (valued on January 31 it would already be churned)
        assertThat(timeline(defaults, "Q1", "2024-12", "2025-01")).containsExactly("2024-12 500 none", "2025-01 500 none");
        assertThat(defaults.row("select * from mart_mrr_bridge where month = date '2025-01-01'"))
                .containsEntry("is_partial_month", true).extracting(row -> money(row.get("closing_mrr"))).isEqualTo("2680");
        for (String mart : List.of("mart_mrr_bridge", "mart_churn_monthly", "mart_retention_monthly", "mart_ltv_cac")) {
            assertThat(defaults.rows("select distinct strftime(month, '%Y-%m') as month from " + mart + " where is_partial_month"))
                    .as(mart).extracting(row -> row.get("month")).containsExactly("2025-01");
        }
    }

    @Test
    void aLaterRunDateInTheSameMonthRebuildsTheAccountsItTouchesAndTheLastDayCompletesTheMonth() throws Exception {
        Path landing = Scenarios.copy("metric_trust", workspace.resolve("landing-nights"));
        Path warehouse = workspace.resolve("nights");
        assertThat(run(landing, warehouse)).isZero();
        // 2025-01-21: Q1's paid period ended on the 20th -> churn 500 in January; nothing was delivered, and only the
        // accounts with a subscription starting or ending in (01-15, 01-21] are rebuilt (Q1)
        assertThat(BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(), "--run-date", "2025-01-21"))
                .isZero();
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        assertThat(timeline(published, "Q1", "2024-12", "2025-01")).containsExactly("2024-12 500 none", "2025-01 0 churn");
        assertThat(published.row("select build, accounts from model_builds where model = 'int_mrr_account_month_currency'"))
                .containsEntry("build", "accounts").containsEntry("accounts", 1L);
        assertThat(published.decimal("select closing_mrr from mart_mrr_bridge where month = date '2025-01-01'"))
                .as("2680 - Q1's 500").isEqualByComparingTo("2180");
        // 2025-01-31, the month's last day: January is complete
        assertThat(BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(), "--run-date", "2025-01-31"))
                .isZero();
        assertThat(new PublishedWarehouse(warehouse).count("select * from mart_mrr_bridge where is_partial_month")).isZero();
    }

    // item 7 -------------------------------------------------------------------------------------------------------

    @Test
    void seatsEndWithTheSubscriptionsEffectiveEnd() {
        // R1: 5 seats, canceled on 2024-03-10 with no end_date: it stops on its cancellation date, and so do its seats
        List<String> seats = defaults.rows("""
                select strftime(month_start, '%Y-%m') as month, seats from mart_support_account_month
                where account_id = 'R1' and month_start <= date '2024-04-01' order by month_start""").stream()
                .map(row -> row.get("month") + " " + money(row.get("seats"))).toList();
        assertThat(seats).containsExactly("2024-01 5", "2024-02 5", "2024-03 empty", "2024-04 empty");
    }

    @Test
    void bridgeBalancesAndEveryAuditPasses() {
        List<String> bridge = defaults.rows("""
                select strftime(month, '%Y-%m') as month, opening_mrr, new, expansion, contraction, churn, reactivation, fx, closing_mrr
                from mart_mrr_bridge where month in (date '2023-12-01', date '2024-01-01', date '2024-03-01', date '2024-06-01',
                date '2024-07-01', date '2024-09-01') order by month""").stream()
                .map(row -> String.join(" ", row.get("month").toString(), money(row.get("opening_mrr")), money(row.get("new")),
                        money(row.get("expansion")), money(row.get("contraction")), money(row.get("churn")),
                        money(row.get("reactivation")), money(row.get("fx")), money(row.get("closing_mrr"))))
                .toList();
        assertThat(bridge).containsExactly(
                "2023-12 0 150 0 0 0 0 0 150",
                "2024-01 150 750 0 150 0 0 0 750",
                "2024-03 1250 1100 150 0 50 0 0 2450",
                "2024-06 2150 0 0 0 0 0 100 2250",
                "2024-07 2250 0 325 0 0 0 5 2580",
                "2024-09 2580 0 0 0 0 100 0 2680");
        assertThat(defaults.count("select * from audit_results where not passed and severity = 'error'")).isZero();
        assertThat(defaults.count("select * from audit_results where audit_name in ('int_mrr_account_month_currency__has_fx_rates',"
                + " 'int_fx_rates_at_month_end__constant_rate_for_every_mrr_currency', 'stg_spend__has_fx_rates',"
                + " 'stg_spend__within_month_spine')")).isEqualTo(4);
    }
}
