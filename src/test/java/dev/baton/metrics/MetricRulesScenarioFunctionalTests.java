package dev.baton.metrics;

import static dev.baton.metrics.MetricRulesScenario.timeline;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.baton.support.PublishedWarehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One account per MRR rule on scenario {@code metric_rules} (worked out by hand in {@link MetricRulesScenario}),
 * with the default settings and every vendor alternative; the marts over all accounts:
 * MetricRulesScenarioMartsFunctionalTests.
 */
class MetricRulesScenarioFunctionalTests {

    @TempDir
    static Path workspace;

    static PublishedWarehouse defaults;
    static PublishedWarehouse alternatives;

    @BeforeAll
    static void runTheScenarioWithDefaultAndAlternativeSettings() throws Exception {
        MetricRulesScenario scenario = MetricRulesScenario.runWithDefaultAndAlternativeSettings(workspace);
        defaults = scenario.defaults();
        alternatives = scenario.alternatives();
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
}
