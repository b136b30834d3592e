package dev.baton.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of issue 17 on data shaped like real companies' data, every number worked out by hand (scenario
 * {@code metric_trust}, run date 2025-01-15, reporting currency USD; the spend feed starts 2023-11, so the months run
 * 2023-11 .. 2025-01). Rates: EUR 1.10 (2024-03-31), 1.20 (2024-06-30); GBP 1.20 (2024-06-15), 1.25 (2024-06-30), 1.30
 * (2024-07-31): no EUR rate before March 2024, no GBP rate before June 2024. Earliest rates: EUR 1.10, GBP 1.20.
 * <pre>
 * account channel   rule                                  subscriptions                              MRR by month
 * P1  organic   pause that lapses, later return      100 to 2024-04-01, paused 04-01..06-01,    100 Jan-Mar, 0 Apr-Aug, 100 from Sep
 *                                                    100 again from 2024-09-01                  (Apr pause, Jun churn 0, Sep reactivation)
 * P2  organic   pause that resumes                   200 to 05-01, paused 05-01..07-01, 200     200 Jan-Apr, 0 May-Jun, 200 from Jul
 * P3  organic   paused at the T12M opening           150 in Dec 2023, paused 2024-01..03, 150   150 Dec, 0 Jan-Feb, 150 from Mar
 * E1  outbound  first month = first month of EUR     1000 EUR from 2024-03-01                   1100 Mar-May, 1200 from Jun (fx +100)
 * C1  referral  GBP added before a cohort rate       100 USD from 2024-01; + 100 GBP from 07-01 100 Jan-Jun, 230 from Jul (+125, fx +5)
 * Q1  partner   canceled, paid to after run date     500 from 2024-02-01 to 2025-01-20          500 Feb 2024 .. Jan 2025
 * R1  partner   canceled row without end_date        10 x 5 seats from 2024-01-01, canceled     50 Jan-Feb, 0 from Mar (churn)
 *                                                    2024-03-10
 * L1  events    never churns                         300 from 2024-01-01                        300 throughout
 *
 * Bridge   opening  new  expansion contraction churn reactivation  fx  closing
 *  2023-12       0   150         0           0     0            0   0     150  (P3)
 *  2024-01     150   750         0         150     0            0   0     750  (P1 100 P2 200 C1 100 R1 50 L1 300; P3 pauses)
 *  2024-02     750   500         0           0     0            0   0    1250  (Q1)
 *  2024-03    1250  1100       150           0    50            0   0    2450  (E1 1000 x 1.10; P3 resumes; R1 canceled)
 *  2024-04    2450     0         0         100     0            0   0    2350  (P1 pauses)
 *  2024-05    2350     0         0         200     0            0   0    2150  (P2 pauses)
 *  2024-06    2150     0         0           0     0            0 100    2250  (P1's pause lapses: churn of 0; EUR 1.10 -> 1.20)
 *  2024-07    2250     0       325           0     0            0   5    2580  (P2 resumes 200; C1's GBP at June's 1.25: 125)
 *  2024-09    2580     0         0           0     0          100   0    2680  (P1 returns)
 *  2025-01    2680     0         0           0     0            0   0    2680
 * Spend: organic 600 (2023-11), 300 (2023-12), 400 (2024-01), 250 (2024-02); outbound 1000 EUR (2024-03); nothing
 * for the other channels (0 spend, since the feed is not empty).
 * </pre>
 * The scenario runs four times: with the defaults; with {@code cac-lag-months=1}; without its spend file; and with
 * rows added that must fail the night.
 */
class MetricTrustScenarioFunctionalTests {

    private static final String RUN_DATE = "2025-01-15";

    @TempDir
    static Path workspace;

    static PublishedWarehouse defaults;
    static PublishedWarehouse lagged;
    static PublishedWarehouse noSpend;
    static Scenarios.Captured broken;
    static Path brokenWarehouse;

    @BeforeAll
    static void runTheScenarioFourWays() throws Exception {
        Path landing = Scenarios.copy("metric_trust", workspace.resolve("landing"));
        assertThat(run(landing, workspace.resolve("defaults"))).isZero();
        assertThat(run(landing, workspace.resolve("lagged"), "-Dbaton.metrics.cac-lag-months=1")).isZero();
        defaults = new PublishedWarehouse(workspace.resolve("defaults"));
        lagged = new PublishedWarehouse(workspace.resolve("lagged"));

        Path withoutSpend = Scenarios.copy("metric_trust", workspace.resolve("landing-without-spend"));
        Files.delete(withoutSpend.resolve("spend.csv"));
        assertThat(run(withoutSpend, workspace.resolve("no-spend"))).isZero();
        noSpend = new PublishedWarehouse(workspace.resolve("no-spend"));

        Path bad = Scenarios.copy("metric_trust", workspace.resolve("landing-broken"));
        append(bad.resolve("spend.csv"), "2024-05,events,marketing,100.00,GBP", "2025-03,organic,marketing,100.00,USD");
        append(bad.resolve("accounts.csv"),
                "G1,Pounds Before Rates Ltd,smb,retail,GB,organic,Dana Reyes,Sam Cole,2023-09-01T09:00:00Z,2023-09-01T09:00:00Z");
        append(bad.resolve("subscriptions.csv"), "SG1,G1,addon,1,100.00,GBP,1,0,2023-10-01,2023-12-01,active,2023-10-01T00:00:00Z");
        brokenWarehouse = workspace.resolve("broken");
        broken = Scenarios.capture(() -> run(bad, brokenWarehouse));
    }

    private static int run(Path landing, Path warehouse, String... settings) {
        String[] base = {"run", "--landing", landing.toString(), "--warehouse", warehouse.toString(), "--run-date", RUN_DATE};
        return BatonCli.execute(Stream.concat(Stream.of(base), Stream.of(settings)).toArray(String[]::new));
    }

    private static void append(Path file, String... lines) throws Exception {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardOpenOption.APPEND);
    }

    /** "2024-03 300 expansion" per month from {@code firstMonth} to {@code lastMonth}: closing MRR and movement type. */
    private static List<String> timeline(PublishedWarehouse warehouse, String account, String firstMonth, String lastMonth) {
        return warehouse.rows("""
                select strftime(month_start, '%%Y-%%m') as month, closing_mrr, movement_type
                from fct_mrr_movement
                where account_id = '%s' and month_start between date '%s-01' and date '%s-01'
                order by month_start""".formatted(account, firstMonth, lastMonth)).stream()
                .map(row -> row.get("month") + " " + money(row.get("closing_mrr")) + " " + row.get("movement_type"))
                .toList();
    }

    private static String money(Object value) {
        return value == null ? "empty" : new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
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

    // item 4 -------------------------------------------------------------------------------------------------------

    private static Map<String, Object> unitEconomics(PublishedWarehouse warehouse, String month, String channel) {
        return warehouse.row("select * from mart_ltv_cac where month = date '" + month + "-01' and acquisition_channel = '" + channel + "'");
    }

    @Test
    void spendIsConvertedAttributedAndNeverDropped() {
        // organic 2023-11: 600 spent before the first subscription (the month spine starts there), no new account:
        // no CAC, 600 reported as unattributed
        Map<String, Object> november = unitEconomics(defaults, "2023-11", "organic");
        assertThat(money(november.get("spend"))).isEqualTo("600");
        assertThat(november.get("cac")).isNull();
        assertThat(money(november.get("unattributed_spend"))).isEqualTo("600");
        // organic 2023-12: 300 / 1 new (P3) = 300; payback 300 / (150 x 0.8) = 2.5 months
        Map<String, Object> december = unitEconomics(defaults, "2023-12", "organic");
        assertThat((Double) december.get("cac")).isEqualTo(300.0);
        assertThat((Double) december.get("cac_payback_months")).isCloseTo(2.5, within(1e-12));
        // organic 2024-01: 400 / 2 (P1, P2) = 200; payback 200 / (150 x 0.8)
        assertThat((Double) unitEconomics(defaults, "2024-01", "organic").get("cac")).isEqualTo(200.0);
        // organic 2024-02: 250, no new account -> unattributed 250
        assertThat(money(unitEconomics(defaults, "2024-02", "organic").get("unattributed_spend"))).isEqualTo("250");
        // outbound 2024-03: 1000 EUR x 1.10 = 1100 / 1 (E1) = 1100; payback 1100 / (1100 x 0.8) = 1.25
        Map<String, Object> outbound = unitEconomics(defaults, "2024-03", "outbound");
        assertThat(money(outbound.get("spend"))).isEqualTo("1100");
        assertThat((Double) outbound.get("cac_payback_months")).isCloseTo(1.25, within(1e-12));
        // events 2024-01: no row in a delivered feed is 0 spend: L1 cost 0
        Map<String, Object> events = unitEconomics(defaults, "2024-01", "events");
        assertThat(money(events.get("spend"))).isEqualTo("0");
        assertThat((Double) events.get("cac")).isEqualTo(0.0);
        // every unit of spend is either in a CAC or unattributed: organic 600 + 300 + 400 + 250 = 1550,
        // of which 600 + 250 = 850 found no new account
        assertThat(defaults.decimal("select sum(spend) from mart_ltv_cac where acquisition_channel = 'organic'")).isEqualByComparingTo("1550");
        assertThat(defaults.decimal("select sum(unattributed_spend) from mart_ltv_cac where acquisition_channel = 'organic'"))
                .isEqualByComparingTo("850");
    }

    @Test
    void cacLagAttributesAMonthsNewAccountsToEarlierSpend() {
        // cac-lag-months=1: December's new account (P3) is bought by November's 600; January's two by December's 300
        assertThat((Double) unitEconomics(lagged, "2023-12", "organic").get("cac")).isEqualTo(600.0);
        assertThat((Double) unitEconomics(lagged, "2024-01", "organic").get("cac")).isEqualTo(150.0);
        // January's 400 and February's 250 find no new organic account in February and March
        assertThat(money(unitEconomics(lagged, "2024-02", "organic").get("unattributed_spend"))).isEqualTo("400");
        assertThat(money(unitEconomics(lagged, "2024-03", "organic").get("unattributed_spend"))).isEqualTo("250");
        // E1 (new in March) is attributed to February's outbound spend, 0; March's 1100 is unattributed in April
        assertThat((Double) unitEconomics(lagged, "2024-03", "outbound").get("cac")).isEqualTo(0.0);
        assertThat(money(unitEconomics(lagged, "2024-04", "outbound").get("unattributed_spend"))).isEqualTo("1100");
        // the month's own spend column does not move
        assertThat(money(unitEconomics(lagged, "2024-03", "outbound").get("spend"))).isEqualTo("1100");
    }

    @Test
    void noSpendFeedLeavesSpendAndCacEmptyNeverZero() {
        assertThat(noSpend.count("select * from mart_ltv_cac where spend is not null or cac is not null or ltv_cac is not null"
                + " or cac_payback_months is not null or unattributed_spend is not null")).isZero();
        // LTV does not need spend: events in February, as with spend (below)
        assertThat((Double) unitEconomics(noSpend, "2024-02", "events").get("ltv")).isCloseTo(14400.0, within(1e-9));
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

    // item 11 ------------------------------------------------------------------------------------------------------

    @Test
    void ltvIsCappedAtTheMaximumLifetimeAndSaysSo() {
        // events (L1 alone) in February: 1 starting account in the 6-month window, no churn -> lifetime capped at 60
        // months: 300 x 0.8 x 60 = 14400, labelled capped (before: empty)
        Map<String, Object> events = unitEconomics(defaults, "2024-02", "events");
        assertThat((Double) events.get("logo_churn_rate")).isEqualTo(0.0);
        assertThat((Double) events.get("ltv")).isCloseTo(14400.0, within(1e-9));
        assertThat(events.get("ltv_is_capped")).isEqualTo(true);
        // events in January: no starting account yet -> no churn rate, no LTV
        assertThat(unitEconomics(defaults, "2024-01", "events").get("ltv")).isNull();
        // partner in March: starting Jan 0 + Feb 1 (R1) + Mar 2 (R1, Q1) = 3, 1 churn (R1) -> 1 / 3, lifetime 3 months;
        // ARPA 500 (Q1) -> 500 x 0.8 x 3 = 1200, not capped
        Map<String, Object> partner = unitEconomics(defaults, "2024-03", "partner");
        assertThat((Double) partner.get("logo_churn_rate")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat((Double) partner.get("ltv")).isCloseTo(1200.0, within(1e-9));
        assertThat(partner.get("ltv_is_capped")).isEqualTo(false);
        // organic in June: customers at each opening Jan 1 (P3) + Feb-Jun 3 each = 16, 1 churn (P1's lapse) -> 1 / 16;
        // ARPA 150 (P3 pays, P2 paused) -> 150 x 0.8 x 16 = 1920
        Map<String, Object> organic = unitEconomics(defaults, "2024-06", "organic");
        assertThat((Double) organic.get("logo_churn_rate")).isCloseTo(1.0 / 16, within(1e-12));
        assertThat((Double) organic.get("ltv")).isCloseTo(1920.0, within(1e-9));
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
