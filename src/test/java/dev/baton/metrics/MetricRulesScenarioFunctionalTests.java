package dev.baton.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One account per MRR rule, every number worked out by hand (scenario {@code metric_rules}, run date 2025-01-15,
 * months 2024-01 .. 2025-01, reporting currency USD). The scenario runs twice: once with the default settings and
 * once with every vendor alternative switched on ({@code reporting-time-zone=America/New_York,
 * churn-recognition=cancellation-date, pause-treatment=churn, trials=included, discounts=list,
 * fx-rate-rule=month-average}). Rates: EUR 1.05 (Jan 15), 1.10 (Jan 31), 1.10 (Feb 29), 1.15 (Mar 15), 1.20 (Mar 31);
 * GBP 1.25 (Jan 31), 1.30 (Feb 29); no later rows, so the March rates hold to the end.
 * <pre>
 * account rule                       subscriptions                                         default MRR by month
 * B1  annual plan                    2400 USD / 12 months, 2024-01-01 .. 2025-01-01         200 Jan-Dec, 0 Jan 2025 (churn)
 * B2  upgrade mid-month              100 to 2024-03-15, then 300                            100 100 300 ... (expansion 200 in Mar)
 * B3  downgrade (seats)              250 x 2 to 2024-04-10, then 250 x 1                    500 500 500 250 ... (contraction 250 in Apr)
 * B4  cancel and come back           80, canceled 2024-02-05, paid to 2024-03-05; 120 from 04-05
 *                                                                                          80 80 0 120 ... (churn Mar, reactivation Apr)
 * B5  pause                          60; paused 2024-03-01 .. 05-01; 60 again               60 60 0 0 60 ... (contraction Mar, expansion May)
 * B6  trial converting               trial 90 2024-01-10 .. 02-10, then 90                  - 90 90 ... (new in Feb)
 * B7  two currencies, moving rate    1000 EUR + 100 GBP                                     1225 1230 1330 ... (fx +5 Feb, +100 Mar)
 * B8  two overlapping subscriptions  200 open + add-on 50 2024-02-15 .. 05-15               200 250 250 250 200 ...
 * B9  ends after the run date        900 USD / 3 months to 2025-04-01, canceled 2024-05-31 23:30 New York
 *                                                                                          300 every month, no churn yet
 * B10 multi-year term                12600 USD / 36 months from 2024-02-01                  - 350 350 ...
 * B11 percentage discount            400 at 25% off to 2024-04-01, then 400                 300 300 300 400 ... (expansion 100 in Apr)
 * B12 never paid                     trial 70 2024-03-10 .. 04-10                           no MRR row at all
 *
 * Bridge (default) opening   new  expansion contraction churn reactivation  fx  closing
 *  2024-01             0  2965          0           0     0            0   0     2965  (all but B6, B10, B12)
 *  2024-02          2965   440         50           0     0            0   5     3460  (B6 90 + B10 350 new; B8 add-on; GBP 1.25 -> 1.30)
 *  2024-03          3460     0        200          60    80            0 100     3620  (B2 up, B5 pause, B4 churn, EUR 1.10 -> 1.20)
 *  2024-04          3620     0        100         250     0          120   0     3590  (B11 discount ends, B3 seats down, B4 back)
 *  2024-05          3590     0         60          50     0            0   0     3600  (B5 resumes, B8 add-on ends)
 *  2024-06..12      3600     0          0           0     0            0   0     3600
 *  2025-01          3600     0          0           0   200            0   0     3400  (B1's annual term ended)
 * </pre>
 */
class MetricRulesScenarioFunctionalTests {

    @TempDir
    static Path workspace;

    static PublishedWarehouse defaults;
    static PublishedWarehouse alternatives;

    @BeforeAll
    static void runTheScenarioWithDefaultAndAlternativeSettings() throws Exception {
        Path landing = Scenarios.copy("metric_rules", workspace.resolve("landing"));
        assertThat(run(landing, workspace.resolve("defaults"))).isZero();
        assertThat(run(landing, workspace.resolve("alternatives"),
                "-Dbaton.metrics.reporting-time-zone=America/New_York",
                "-Dbaton.metrics.churn-recognition=cancellation-date",
                "-Dbaton.metrics.pause-treatment=churn",
                "-Dbaton.metrics.trials=included",
                "-Dbaton.metrics.discounts=list",
                "-Dbaton.metrics.fx-rate-rule=month-average")).isZero();
        defaults = new PublishedWarehouse(workspace.resolve("defaults"));
        alternatives = new PublishedWarehouse(workspace.resolve("alternatives"));
    }

    private static int run(Path landing, Path warehouse, String... settings) {
        String[] base = {"run", "--landing", landing.toString(), "--warehouse", warehouse.toString(), "--run-date", "2025-01-15"};
        return BatonCli.execute(Stream.concat(Stream.of(base), Stream.of(settings)).toArray(String[]::new));
    }

    /** "2024-03 300 expansion" per month up to {@code lastMonth}: closing MRR and movement type of one account. */
    private static List<String> timeline(PublishedWarehouse warehouse, String account, String lastMonth) {
        return warehouse.rows("""
                select strftime(month_start, '%%Y-%%m') as month, closing_mrr, movement_type
                from fct_mrr_movement
                where account_id = '%s' and month_start <= date '%s-01'
                order by month_start""".formatted(account, lastMonth)).stream()
                .map(row -> row.get("month") + " " + money(row.get("closing_mrr")) + " " + row.get("movement_type"))
                .toList();
    }

    private static String money(Object value) {
        return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
    }

    @Test
    void annualPlanIsATwelfthEveryMonthAndChurnsWhenItsTermEnds() {
        // 2400 / 12 = 200 a month, never 2400 in January; the term ends 2025-01-01, so January 2025 is churn
        List<String> b1 = timeline(defaults, "B1", "2025-01");
        assertThat(b1).hasSize(13).startsWith("2024-01 200 new", "2024-02 200 none").endsWith("2024-12 200 none", "2025-01 0 churn");
    }

    @Test
    void upgradeMidMonthCountsTheStateOnTheLastDay() {
        // 100 until 2024-03-15, 300 from then on: on March 31 the 300 row is in force -> expansion 300 - 100 = 200
        assertThat(timeline(defaults, "B2", "2024-04")).containsExactly(
                "2024-01 100 new", "2024-02 100 none", "2024-03 300 expansion", "2024-04 300 none");
        assertThat(defaults.decimal("select expansion_mrr from fct_mrr_movement where account_id = 'B2' and month_start = date '2024-03-01'"))
                .isEqualByComparingTo("200");
    }

    @Test
    void downgradeOfSeatsIsAContraction() {
        // 250 x 2 seats = 500; from 2024-04-10 250 x 1 = 250 -> April contraction 250
        assertThat(timeline(defaults, "B3", "2024-05")).containsExactly(
                "2024-01 500 new", "2024-02 500 none", "2024-03 500 none", "2024-04 250 contraction", "2024-05 250 none");
        assertThat(defaults.decimal("select contraction_mrr from fct_mrr_movement where account_id = 'B3' and month_start = date '2024-04-01'"))
                .isEqualByComparingTo("250");
    }

    @Test
    void cancelAndComeBackChurnsAtTheEndOfThePaidPeriodByDefaultOrOnTheCancellationDate() {
        // default: canceled on 2024-02-05 but paid to 2024-03-05 -> still 80 on Feb 29, churn 80 in March,
        // back at 120 from 2024-04-05 -> reactivation 120 in April
        assertThat(timeline(defaults, "B4", "2024-05")).containsExactly(
                "2024-01 80 new", "2024-02 80 none", "2024-03 0 churn", "2024-04 120 reactivation", "2024-05 120 none");
        // churn-recognition=cancellation-date: the canceled row (updated_at 2024-02-05) stops counting that day
        assertThat(timeline(alternatives, "B4", "2024-05")).containsExactly(
                "2024-01 80 new", "2024-02 0 churn", "2024-03 0 none", "2024-04 120 reactivation", "2024-05 120 none");
    }

    @Test
    void pauseIsZeroMrrAndAContractionNotChurn() {
        // paused March and April: 0 MRR; the pause is a contraction of 60 and the resume in May an expansion of 60
        assertThat(timeline(defaults, "B5", "2024-06")).containsExactly(
                "2024-01 60 new", "2024-02 60 none", "2024-03 0 contraction", "2024-04 0 none", "2024-05 60 expansion", "2024-06 60 none");
        Map<String, Object> march = defaults.row("select * from mart_churn_monthly where month = date '2024-03-01' and segment = 'all'");
        assertThat(march.get("churned_accounts")).as("only B4 churns in March; B5 is paused").isEqualTo(1L);
        // pause-treatment=churn: the same months, moved as churn and reactivation
        assertThat(timeline(alternatives, "B5", "2024-06")).containsExactly(
                "2024-01 60 new", "2024-02 60 none", "2024-03 0 churn", "2024-04 0 none", "2024-05 60 reactivation", "2024-06 60 none");
    }

    @Test
    void trialConvertingIsNewInItsFirstPaidMonth() {
        // trial from 2024-01-10 counts 0, so the account has no January row; the 90 plan from 2024-02-10 is new in February
        assertThat(timeline(defaults, "B6", "2024-03")).containsExactly("2024-02 90 new", "2024-03 90 none");
        assertThat(defaults.row("select cohort_month from dim_account where account_id = 'B6'").get("cohort_month").toString())
                .isEqualTo("2024-02-01");
        // trials=included: the trial counts at its price, so January is new at 90 and February does not move
        assertThat(timeline(alternatives, "B6", "2024-03")).containsExactly("2024-01 90 new", "2024-02 90 none", "2024-03 90 none");
    }

    @Test
    void twoCurrenciesWithAMovingRateSplitFxFromRealChange() {
        // month-end rates: Jan 1000 x 1.10 + 100 x 1.25 = 1225; Feb 1100 + 130 = 1230 (fx +5);
        // Mar 1000 x 1.20 + 130 = 1330 (fx +100); April keeps March's rates: no movement
        assertThat(timeline(defaults, "B7", "2024-04")).containsExactly(
                "2024-01 1225 new", "2024-02 1230 fx", "2024-03 1330 fx", "2024-04 1330 none");
        assertThat(defaults.decimal("select fx_mrr from fct_mrr_movement where account_id = 'B7' and month_start = date '2024-03-01'"))
                .isEqualByComparingTo("100");
        // fx-rate-rule=month-average: EUR Jan (1.05 + 1.10) / 2 = 1.075, Feb 1.10, Mar (1.15 + 1.20) / 2 = 1.175, Apr no
        // rate dated in April -> the month-end rate 1.20; GBP 1.25, 1.30, 1.30, 1.30
        // -> 1075 + 125 = 1200, 1100 + 130 = 1230 (fx +30), 1175 + 130 = 1305 (fx +75), 1200 + 130 = 1330 (fx +25)
        assertThat(timeline(alternatives, "B7", "2024-05")).containsExactly(
                "2024-01 1200 new", "2024-02 1230 fx", "2024-03 1305 fx", "2024-04 1330 fx", "2024-05 1330 none");
    }

    @Test
    void twoOverlappingSubscriptionsAreSummed() {
        // 200 open + 50 add-on from 2024-02-15 to 2024-05-15: Feb-Apr 250, May 200 (state on May 31)
        assertThat(timeline(defaults, "B8", "2024-06")).containsExactly(
                "2024-01 200 new", "2024-02 250 expansion", "2024-03 250 none", "2024-04 250 none", "2024-05 200 contraction", "2024-06 200 none");
    }

    @Test
    void subscriptionEndingAfterTheRunDateKeepsItsMrrUntilThenAndIsNotChurnedEarly() {
        // quarterly 900 / 3 = 300 a month, paid to 2025-04-01 (after the run date 2025-01-15): by default 300 in every
        // month up to the run month and no churn; the warehouse has no month after the run month
        List<String> b9 = timeline(defaults, "B9", "2025-12");
        assertThat(b9).hasSize(13).first().isEqualTo("2024-01 300 new");
        assertThat(b9).last().isEqualTo("2025-01 300 none");
        assertThat(b9.subList(1, 13)).allSatisfy(month -> assertThat(month).endsWith(" 300 none"));
        assertThat(defaults.count("select * from fct_mrr_month where month_start > date '2025-01-01'")).isZero();
        // cancellation-date in New York: canceled 2024-05-31 23:30 local (2024-06-01 03:30 UTC) -> May 31 -> churn in May
        assertThat(timeline(alternatives, "B9", "2024-06")).containsExactly(
                "2024-01 300 new", "2024-02 300 none", "2024-03 300 none", "2024-04 300 none", "2024-05 0 churn", "2024-06 0 none");
        assertThat(alternatives.row("select canceled_on from fct_subscription_period where subscription_id = 'S9'")
                .get("canceled_on").toString()).isEqualTo("2024-05-31");
        assertThat(defaults.row("select canceled_on from fct_subscription_period where subscription_id = 'S9'")
                .get("canceled_on").toString()).as("in UTC the same instant is June 1").isEqualTo("2024-06-01");
    }

    @Test
    void quarterlyAndMultiYearTermsAreNormalisedToAMonth() {
        // quarterly: 900 / 3 = 300; three-year: 12600 / 36 = 350
        assertThat(defaults.decimal("select monthly_amount_local from fct_subscription_period where subscription_id = 'S9'"))
                .isEqualByComparingTo("300");
        assertThat(defaults.decimal("select monthly_amount_local from fct_subscription_period where subscription_id = 'S10'"))
                .isEqualByComparingTo("350");
        assertThat(timeline(defaults, "B10", "2024-03")).containsExactly("2024-02 350 new", "2024-03 350 none");
    }

    @Test
    void percentageDiscountReducesMrrAndItsEndIsAnExpansion() {
        // 400 x (1 - 25%) = 300 until 2024-04-01, then 400 -> expansion 100 in April
        assertThat(timeline(defaults, "B11", "2024-04")).containsExactly(
                "2024-01 300 new", "2024-02 300 none", "2024-03 300 none", "2024-04 400 expansion");
        // discounts=list: MRR at list price, 400 throughout, and the discount's end is no movement
        assertThat(timeline(alternatives, "B11", "2024-04")).containsExactly(
                "2024-01 400 new", "2024-02 400 none", "2024-03 400 none", "2024-04 400 none");
    }

    @Test
    void accountThatNeverPaidHasNoMrrAndNoCohort() {
        assertThat(defaults.count("select * from fct_mrr_month where account_id = 'B12'")).isZero();
        assertThat(defaults.row("select cohort_month from dim_account where account_id = 'B12'").get("cohort_month")).isNull();
        // trials=included: the trial 2024-03-10 .. 04-10 counts 70 on March 31 and is gone on April 30
        assertThat(timeline(alternatives, "B12", "2024-05")).containsExactly("2024-03 70 new", "2024-04 0 churn", "2024-05 0 none");
    }

    @Test
    void bridgeBalancesToTheHandComputedNumbersWithBothSettings() {
        assertThat(bridge(defaults)).containsExactly(
                "2024-01 0 2965 0 0 0 0 0 2965",
                "2024-02 2965 440 50 0 0 0 5 3460",
                "2024-03 3460 0 200 60 80 0 100 3620",
                "2024-04 3620 0 100 250 0 120 0 3590",
                "2024-05 3590 0 60 50 0 0 0 3600",
                "2024-06 3600 0 0 0 0 0 0 3600",
                "2024-07 3600 0 0 0 0 0 0 3600",
                "2024-08 3600 0 0 0 0 0 0 3600",
                "2024-09 3600 0 0 0 0 0 0 3600",
                "2024-10 3600 0 0 0 0 0 0 3600",
                "2024-11 3600 0 0 0 0 0 0 3600",
                "2024-12 3600 0 0 0 0 0 0 3600",
                "2025-01 3600 0 0 0 200 0 0 3400");
        // alternatives, by account: Jan new = B1 200 + B2 100 + B3 500 + B4 80 + B5 60 + B6 90 + B7 1200 + B8 200 + B9 300
        // + B11 400 = 3130; Feb: B10 new 350, B8 +50, B4 churn 80, B7 fx 30; Mar: B12 new 70, B2 +200, B5 churn 60,
        // B7 fx 75; Apr: B3 -250, B12 churn 70, B4 back 120, B7 fx 25; May: B8 -50, B9 churn 300, B5 back 60
        assertThat(bridge(alternatives).subList(0, 6)).containsExactly(
                "2024-01 0 3130 0 0 0 0 0 3130",
                "2024-02 3130 350 50 0 80 0 30 3480",
                "2024-03 3480 70 200 0 60 0 75 3765",
                "2024-04 3765 0 0 250 70 120 25 3590",
                "2024-05 3590 0 0 50 300 60 0 3300",
                "2024-06 3300 0 0 0 0 0 0 3300");
        assertThat(defaults.count("select * from audit_results where not passed and severity = 'error'")).isZero();
        assertThat(defaults.count("select * from audit_results where audit_name in ("
                + "'mart_mrr_bridge__balances', 'fct_mrr_month__sum_matches_bridge', 'fct_mrr_movement__balances_per_account')"))
                .isEqualTo(3);
    }

    private static List<String> bridge(PublishedWarehouse warehouse) {
        return warehouse.rows("""
                select strftime(month, '%Y-%m') as month, opening_mrr, new, expansion, contraction, churn, reactivation, fx, closing_mrr
                from mart_mrr_bridge order by month""").stream()
                .map(row -> String.join(" ", row.get("month").toString(), money(row.get("opening_mrr")), money(row.get("new")),
                        money(row.get("expansion")), money(row.get("contraction")), money(row.get("churn")),
                        money(row.get("reactivation")), money(row.get("fx")), money(row.get("closing_mrr"))))
                .toList();
    }

    @Test
    void quickRatioIsGainsOverLosses() {
        // Mar (200) / (60 + 80); Apr (100 + 120) / 250; May 60 / 50; Jan 2025 0 / 200; no losses -> empty
        Map<String, Double> quickRatios = new TreeMap<>();
        defaults.rows("select strftime(month, '%Y-%m') as month, quick_ratio from mart_mrr_bridge").forEach(
                row -> quickRatios.put(row.get("month").toString(), (Double) row.get("quick_ratio")));
        assertThat(quickRatios.get("2024-03")).isCloseTo(200.0 / 140, within(1e-12));
        assertThat(quickRatios.get("2024-04")).isCloseTo(220.0 / 250, within(1e-12));
        assertThat(quickRatios.get("2024-05")).isCloseTo(60.0 / 50, within(1e-12));
        assertThat(quickRatios.get("2025-01")).isEqualTo(0.0);
        assertThat(quickRatios.get("2024-02")).as("nothing lost: empty, never infinite").isNull();
        assertThat(defaults.row("select quick_ratio from mart_retention_monthly where month = date '2024-03-01'").get("quick_ratio"))
                .isEqualTo(quickRatios.get("2024-03"));
    }

    @Test
    void monthlyAndTrailingTwelveMonthRetention() {
        // March 2024: the 11 accounts paying on Feb 29 opened at 3460. Closing at February's rates: 3620 minus B7's
        // fx 100 = 3520 -> NRR 3520 / 3460. GRR caps each account at its opening (B2 at 100, not 300):
        // B1 200 B2 100 B3 500 B4 0 B5 0 B6 90 B7 1230 B8 250 B9 300 B10 350 B11 300 = 3320 -> GRR 3320 / 3460
        Map<String, Object> march = defaults.row("select * from mart_retention_monthly where month = date '2024-03-01'");
        assertThat(march.get("starting_accounts")).isEqualTo(11L);
        assertThat((Double) march.get("nrr")).isCloseTo(3520.0 / 3460, within(1e-12));
        assertThat((Double) march.get("grr")).isCloseTo(3320.0 / 3460, within(1e-12));
        assertThat(march.get("t12m_nrr")).as("no month 12 months earlier").isNull();

        // T12M ending January 2025 opens at the end of January 2024: B1 200, B2 100, B3 500, B4 80, B5 60, B7 1225,
        // B8 200, B9 300, B11 300 = 2965 (9 accounts; B6 and B10 started later and never count). Their January 2025
        // MRR at January 2024 rates: B1 0, B2 300, B3 250, B4 120, B5 60, B7 1000 x 1.10 + 100 x 1.25 = 1225, B8 200,
        // B9 300, B11 400 = 2855 -> NRR 2855 / 2965. GRR caps each at its opening: 0 + 100 + 250 + 80 + 60 + 1225 + 200
        // + 300 + 300 = 2515 -> GRR 2515 / 2965. Logo retention 8 / 9 (B1 left).
        Map<String, Object> january = defaults.row("select * from mart_retention_monthly where month = date '2025-01-01'");
        assertThat(january.get("t12m_starting_accounts")).isEqualTo(9L);
        assertThat(new BigDecimal(january.get("t12m_starting_mrr").toString())).isEqualByComparingTo("2965");
        assertThat((Double) january.get("t12m_nrr")).isCloseTo(2855.0 / 2965, within(1e-12));
        assertThat((Double) january.get("t12m_grr")).isCloseTo(2515.0 / 2965, within(1e-12));
        assertThat((Double) january.get("t12m_logo_retention")).isCloseTo(8.0 / 9, within(1e-12));
        // monthly January 2025: 3600 open, B1's 200 churns -> 3400 / 3600 both ways
        assertThat((Double) january.get("nrr")).isCloseTo(3400.0 / 3600, within(1e-12));
        assertThat((Double) january.get("grr")).isCloseTo(3400.0 / 3600, within(1e-12));
    }

    @Test
    void cohortsBySegmentAndChannelAndTheirStartingMrrWeightedAverage() {
        // January cohort, smb (B1 200, B2 100, B4 80, B5 60 = 440), month 2 (March): B1 200 + B2 300 + B4 0 + B5 0 = 500;
        // GRR caps B2 at 100: 300; 3 of 4 accounts are customers (B1, B2 paying; B5 paused; B4 churned)
        Map<String, Object> smb = defaults.row("""
                select * from mart_cohort_nrr_by_dimension
                where dimension = 'segment' and dimension_value = 'smb' and cohort_month = date '2024-01-01' and months_since_start = 2""");
        assertThat((Double) smb.get("nrr")).isCloseTo(500.0 / 440, within(1e-12));
        assertThat((Double) smb.get("grr")).isCloseTo(300.0 / 440, within(1e-12));
        assertThat((Double) smb.get("logo_retention")).isEqualTo(0.75);
        // January cohort, outbound (B7 1225, B8 200, B9 300 = 1725), month 2: B7 at January's rates 1225, B8 250, B9 300
        Map<String, Object> outbound = defaults.row("""
                select * from mart_cohort_nrr_by_dimension
                where dimension = 'acquisition_channel' and dimension_value = 'outbound' and cohort_month = date '2024-01-01'
                and months_since_start = 2""");
        assertThat((Double) outbound.get("nrr")).isCloseTo(1775.0 / 1725, within(1e-12));

        // month 1 averaged over both cohorts, weighted by starting MRR: January cohort 2965 -> 3015 in February
        // (B8's add-on +50), February cohort 440 -> 440 in March: (3015 + 440) / (2965 + 440) = 3455 / 3405,
        // not the plain mean of 3015/2965 and 1
        Map<String, Object> monthOne = defaults.row("""
                select * from mart_cohort_nrr_average where dimension = 'all' and months_since_start = 1""");
        assertThat(monthOne.get("cohorts")).isEqualTo(2L);
        assertThat((Double) monthOne.get("nrr_weighted_by_starting_mrr")).isCloseTo(3455.0 / 3405, within(1e-12))
                .isNotCloseTo((3015.0 / 2965 + 1) / 2, within(1e-6));
        // month 12 has only the January cohort: the same 2855 / 2965 as the T12M NRR of January 2025
        Map<String, Object> monthTwelve = defaults.row("""
                select * from mart_cohort_nrr_average where dimension = 'all' and months_since_start = 12""");
        assertThat(monthTwelve.get("cohorts")).isEqualTo(1L);
        assertThat((Double) monthTwelve.get("nrr_weighted_by_starting_mrr")).isCloseTo(2855.0 / 2965, within(1e-12));
    }

    @Test
    void timestampsAt2330LocalOnTheLastDayBelongToThatMonthInTheReportingTimeZone() {
        // deal closed 2024-01-31 23:30 New York (02-01 04:30 UTC); ticket created 2024-03-31 23:30 New York
        // (04-01 03:30 UTC); hand-off 2024-02-29 23:30 New York (03-01 04:30 UTC)
        assertThat(defaults.row("select closed_month from fct_deal where deal_id = 'D1'").get("closed_month").toString())
                .isEqualTo("2024-02-01");
        assertThat(alternatives.row("select closed_month from fct_deal where deal_id = 'D1'").get("closed_month").toString())
                .isEqualTo("2024-01-01");
        assertThat(defaults.row("select created_month from fct_ticket where ticket_id = 'T1'").get("created_month").toString())
                .isEqualTo("2024-04-01");
        assertThat(alternatives.row("select created_month from fct_ticket where ticket_id = 'T1'").get("created_month").toString())
                .isEqualTo("2024-03-01");
        assertThat(defaults.row("select handoff_month from fct_handoff where deal_id = 'D1'").get("handoff_month").toString())
                .isEqualTo("2024-03-01");
        assertThat(alternatives.row("select handoff_month from fct_handoff where deal_id = 'D1'").get("handoff_month").toString())
                .isEqualTo("2024-02-01");
    }
}
