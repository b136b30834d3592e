package dev.baton.metrics;

import static dev.baton.metrics.MetricRulesScenario.money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.baton.support.PublishedWarehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The marts over all accounts of scenario {@code metric_rules} (worked out by hand in {@link MetricRulesScenario}):
 * the bridge, quick ratio, retention, cohorts, and the reporting month of timestamps late on a month's last day.
 */
class MetricRulesScenarioMartsFunctionalTests {

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
