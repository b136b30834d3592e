package dev.baton.report;

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
 * Four accounts from first call to hand-off to support to churn, every number worked out by hand (run date
 * 2024-07-15, all USD, times at 09:00-20:00 UTC so no month boundary depends on the JVM time zone):
 * <pre>
 *  B1 Ana/Cy  D1 won 01-10 (created 01-03, 7 days), hand-off 01-12 all 10 items (high);  8 seats x 12.50 = 100/month from 01-15
 *  B2 Ana/Cy  D2 won 01-20 (created 01-05, 15 days), hand-off 01-25 4 items (0.4, low);   200/month 01-22 to 04-10 (churn April)
 *  B3 Bo/Di   D3 won 02-11 (created 02-01, 10 days), no hand-off (none);                  5 seats, 300/month from 02-12, 400 from 05-01
 *             D7 expansion won 05-01, 1200 (not in the funnel; Di's CSM booking)
 *  B4 Bo/Di   D6 'Demo scheduled' (unmapped, open, Jan), D4 closed_lost (Feb), D5 proposal (field sales, open, Feb)
 *  Tickets  B1: T1 Jan 16 response 1h solved 4h CSAT 5 | T2 Jan 20 high, 3h, 48h, CSAT 3 | T3 Jan 30 low, 2h, solved Feb 2
 *              (72h) CSAT 4 | T4 Jan 31 urgent, 10h, still open
 *           B2: T5 Mar 5 0.5h, 24h, CSAT 1 | T6 Mar 12 reopened, 1h, 48h, CSAT 2
 * </pre>
 */
class SalesToCsScenarioFunctionalTests {

    @TempDir
    static Path workspace;

    static Path warehouse;
    static PublishedWarehouse published;

    @BeforeAll
    static void runTheNight() throws Exception {
        Path landing = Scenarios.copy("sales_to_cs", workspace.resolve("landing"));
        warehouse = workspace.resolve("warehouse");
        // the scenario's subscriptions end their story on 2024-05-01, 75 days before the run date: no freshness check
        int exitCode = BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--run-date", "2024-07-15", "-Dbaton.freshness.max-age=off");
        assertThat(exitCode).isZero();
        published = new PublishedWarehouse(warehouse);
    }

    @Test
    void handoffQualityPerWonDeal() {
        List<Map<String, Object>> deals = published.rows("""
                select deal_id, completeness_band, items_filled, completeness_score, days_from_close_to_handoff,
                    has_success_definition, has_key_people
                from mart_handoff_quality order by deal_id""");

        assertThat(deals).extracting(row -> row.get("deal_id")).containsExactly("D1", "D2", "D3", "D7");
        assertThat(deals).extracting(row -> row.get("completeness_band")).containsExactly("high", "low", "none", "none");
        assertThat(deals).extracting(row -> row.get("items_filled")).containsExactly(10, 4, 0, 0);
        assertThat(deals).extracting(row -> row.get("completeness_score")).containsExactly(1.0, 0.4, 0.0, 0.0);
        assertThat(deals).extracting(row -> row.get("days_from_close_to_handoff")).containsExactly(2.0, 5.0, null, null);
        assertThat(deals.get(1)).containsEntry("has_success_definition", false).containsEntry("has_key_people", true);
    }

    @Test
    void handoffQualityRolledUpPerOwnerAndMonth() {
        Map<String, Object> anaJanuary = published.row(
                "select * from mart_handoff_quality_owner_month where sales_owner = 'Ana Ruiz' and closed_month = date '2024-01-01'");
        assertThat(anaJanuary).containsEntry("won_deals", 2L).containsEntry("handed_off_deals", 2L)
                .containsEntry("complete_handoffs", 1L);
        assertThat((Double) anaJanuary.get("avg_completeness_score")).isCloseTo(0.7, within(1e-12));
        assertThat((Double) anaJanuary.get("avg_days_from_close_to_handoff")).isEqualTo(3.5);
        assertThat((Double) anaJanuary.get("share_success_definition")).isEqualTo(0.5);

        Map<String, Object> allFebruary = published.row(
                "select * from mart_handoff_quality_owner_month where sales_owner = 'all' and closed_month = date '2024-02-01'");
        assertThat(allFebruary).containsEntry("won_deals", 1L).containsEntry("handed_off_deals", 0L);
        assertThat((Double) allFebruary.get("avg_completeness_score")).isEqualTo(0.0);
    }

    @Test
    void retentionByCompletenessBandOnlyOverObservedHorizons() {
        // B1 (high) base Jan 100: April 100, July 100. B2 (low) base Jan 200: April 0, July 0.
        // B3 (none) base Feb 300: May 400; its 180 days end in August, after the run month, so no row
        List<Map<String, Object>> rows = published.rows("""
                select completeness_band || ' ' || cast(horizon_days as varchar) as cell, accounts, churned_accounts, nrr, grr
                from mart_handoff_retention order by completeness_band, horizon_days""");

        assertThat(rows).extracting(row -> row.get("cell"))
                .containsExactly("high 90", "high 180", "low 90", "low 180", "none 90");
        assertThat(rows).extracting(row -> row.get("accounts")).containsOnly(1L);
        assertThat(rows).extracting(row -> row.get("churned_accounts")).containsExactly(0L, 0L, 1L, 1L, 0L);
        assertThat(rows).extracting(row -> row.get("nrr")).containsExactly(1.0, 1.0, 0.0, 0.0, 400.0 / 300);
        assertThat(rows).extracting(row -> row.get("grr")).containsExactly(1.0, 1.0, 0.0, 0.0, 1.0);
    }

    @Test
    void supportPerAccountMonth() {
        Map<String, Object> january = published.row(
                "select * from mart_support_account_month where account_id = 'B1' and month_start = date '2024-01-01'");
        assertThat(january).containsEntry("tickets_opened", 4L).containsEntry("tickets_solved", 2L)
                .containsEntry("backlog_at_month_end", 2L).containsEntry("escalations", 2L).containsEntry("csat_responses", 2L);
        // first responses 1, 2, 3, 10 h: median (2 + 3) / 2, p90 the 4th of 4; resolutions 4 and 48 h
        assertThat(january).containsEntry("median_first_response_hours", 2.5).containsEntry("p90_first_response_hours", 10.0)
                .containsEntry("median_resolution_hours", 26.0).containsEntry("p90_resolution_hours", 48.0)
                .containsEntry("csat_avg", 4.0);
        assertThat(new BigDecimal(january.get("seats").toString())).isEqualByComparingTo("8");
        assertThat((Double) january.get("tickets_per_100_seats")).isEqualTo(50.0);
        assertThat((Double) january.get("tickets_per_1000_mrr")).isEqualTo(40.0);

        Map<String, Object> february = published.row(
                "select * from mart_support_account_month where account_id = 'B1' and month_start = date '2024-02-01'");
        assertThat(february).containsEntry("tickets_opened", 0L).containsEntry("tickets_solved", 1L)
                .containsEntry("backlog_at_month_end", 1L).containsEntry("median_resolution_hours", 72.0)
                .containsEntry("median_first_response_hours", null).containsEntry("csat_avg", 4.0);

        Map<String, Object> b2March = published.row(
                "select * from mart_support_account_month where account_id = 'B2' and month_start = date '2024-03-01'");
        assertThat(b2March).as("T6 was reopened").containsEntry("escalations", 1L).containsEntry("csat_avg", 1.5);
        assertThat(published.count("select * from mart_support_account_month where account_id = 'B1'"))
                .as("January to the run month July").isEqualTo(7);
    }

    @Test
    void supportInTheThreeMonthsBeforeChurnVersusRetained() {
        // churned: B2 in April, window Jan-Mar holds T5 and T6. Retained: 13 paying account-months
        // (B1 Feb-Jul, B2 Feb-Mar, B3 Mar-Jul); B1's January tickets fall in the windows of Feb, Mar and Apr
        Map<String, Object> churned = published.row("select * from mart_support_before_churn where outcome = 'churned'");
        assertThat(churned).containsEntry("account_months", 1L).containsEntry("tickets_opened", 2L)
                .containsEntry("avg_tickets_3m", 2.0).containsEntry("avg_escalations_3m", 1.0)
                .containsEntry("csat_avg", 1.5).containsEntry("share_with_tickets", 1.0);

        Map<String, Object> retained = published.row("select * from mart_support_before_churn where outcome = 'retained'");
        assertThat(retained).containsEntry("account_months", 13L).containsEntry("accounts", 3L)
                .containsEntry("tickets_opened", 12L).containsEntry("csat_responses", 9L);
        assertThat((Double) retained.get("avg_tickets_3m")).isCloseTo(12.0 / 13, within(1e-12));
        assertThat((Double) retained.get("avg_escalations_3m")).isCloseTo(6.0 / 13, within(1e-12));
        assertThat((Double) retained.get("share_with_tickets")).isCloseTo(3.0 / 13, within(1e-12));
        // CSAT points: Feb window 5+3, Mar and Apr windows 5+3+4, May window 4 -> 36 over 9 responses
        assertThat((Double) retained.get("csat_avg")).isCloseTo(4.0, within(1e-12));
    }

    @Test
    void funnelPerCreatedMonthUsesTheConfiguredStageMap() {
        Map<String, Object> january = published.row("select * from mart_funnel where created_month = date '2024-01-01'");
        assertThat(january).containsEntry("inside_sales_deals", 3L).containsEntry("field_sales_deals", 2L)
                .containsEntry("won_deals", 2L).containsEntry("onboarded_deals", 2L).containsEntry("lost_deals", 0L)
                .containsEntry("open_deals", 1L).containsEntry("unmapped_stage_deals", 1L)
                .containsEntry("field_to_won_rate", 1.0).containsEntry("win_rate", 1.0).containsEntry("avg_won_deal_size", 900.0)
                .containsEntry("median_days_in_sales", 11.0).containsEntry("median_days_won_to_handoff", 3.5);
        assertThat((Double) january.get("inside_to_field_rate")).isCloseTo(2.0 / 3, within(1e-12));

        Map<String, Object> february = published.row("select * from mart_funnel where created_month = date '2024-02-01'");
        assertThat(february).containsEntry("inside_sales_deals", 3L).containsEntry("field_sales_deals", 2L)
                .containsEntry("won_deals", 1L).containsEntry("onboarded_deals", 0L).containsEntry("lost_deals", 1L)
                .containsEntry("field_to_won_rate", 0.5).containsEntry("won_to_onboarded_rate", 0.0)
                .containsEntry("win_rate", 0.5).containsEntry("avg_won_deal_size", 2400.0)
                .containsEntry("median_days_in_sales", 10.0).containsEntry("median_days_won_to_handoff", null);
        assertThat(published.count("select * from mart_funnel")).as("D7 is an expansion, not funnel").isEqualTo(2);
    }

    @Test
    void accountHealthHasAnExplainableScore() {
        List<Map<String, Object>> rows = published.rows("""
                select account_id || ' ' || strftime(month_start, '%Y-%m') as account_month, mrr_trend_points,
                    support_load_points, csat_points, handoff_points, nps_points, health_score, health_band
                from mart_account_health
                where (account_id, month_start) in (('B1', date '2024-01-01'), ('B1', date '2024-04-01'),
                    ('B2', date '2024-03-01'), ('B3', date '2024-07-01'))
                order by account_id, month_start""");

        // five components of 0-20; no survey responses in this scenario, so NPS is neutral 10 everywhere
        // B1 Jan: no history 20, 4 tickets 12, CSAT 4.0 -> 20 x 3/4 = 15, hand-off 1.0 -> 20, NPS 10: 77
        // B1 Apr: 100 vs Jan 100 -> 20, no tickets Feb-Apr 20, CSAT Feb 4.0 -> 15, 20, 10: 85
        // B2 Mar: 20, 2 tickets 20, CSAT 1.5 -> 20 x 0.5/4 = 2.5, hand-off 0.4 -> 8, 10: 60.5
        // B3 Jul: 400 vs Apr 300 -> 20, 20, no CSAT -> neutral 10, no hand-off 0, 10: 60
        assertThat(rows).extracting(row -> row.get("account_month"))
                .containsExactly("B1 2024-01", "B1 2024-04", "B2 2024-03", "B3 2024-07");
        assertThat(rows).extracting(row -> row.get("mrr_trend_points")).containsExactly(20.0, 20.0, 20.0, 20.0);
        assertThat(rows).extracting(row -> row.get("support_load_points")).containsExactly(12.0, 20.0, 20.0, 20.0);
        assertThat(rows).extracting(row -> row.get("csat_points")).containsExactly(15.0, 15.0, 2.5, 10.0);
        assertThat(rows).extracting(row -> row.get("handoff_points")).containsExactly(20.0, 20.0, 8.0, 0.0);
        assertThat(rows).extracting(row -> row.get("nps_points")).containsExactly(10.0, 10.0, 10.0, 10.0);
        assertThat(rows).extracting(row -> row.get("health_score")).containsExactly(77.0, 85.0, 60.5, 60.0);
        assertThat(rows).extracting(row -> row.get("health_band")).containsExactly("green", "green", "amber", "amber");
        assertThat(published.count("select * from mart_account_health where account_id = 'B2'"))
                .as("active months only: Jan-Mar").isEqualTo(3);
    }

    @Test
    void ownerScorecardMeasuresRepsOnRetention() {
        Map<String, Object> anaJanuary = published.row(
                "select * from mart_owner_scorecard where owner_role = 'sales' and owner = 'Ana Ruiz' and month_start = date '2024-01-01'");
        assertThat(anaJanuary).containsEntry("won_deals", 2L).containsEntry("new_accounts", 2L);
        assertThat(new BigDecimal(anaJanuary.get("bookings").toString())).isEqualByComparingTo("1800");
        assertThat(new BigDecimal(anaJanuary.get("new_mrr").toString())).isEqualByComparingTo("300");

        Map<String, Object> anaApril = published.row(
                "select * from mart_owner_scorecard where owner_role = 'sales' and owner = 'Ana Ruiz' and month_start = date '2024-04-01'");
        assertThat(anaApril).containsEntry("starting_accounts", 2L).containsEntry("churned_accounts", 1L)
                .containsEntry("logo_churn_rate", 0.5);
        assertThat((Double) anaApril.get("nrr")).isCloseTo(100.0 / 300, within(1e-12));
        assertThat((Double) anaApril.get("grr")).isCloseTo(100.0 / 300, within(1e-12));

        Map<String, Object> diMay = published.row(
                "select * from mart_owner_scorecard where owner_role = 'csm' and owner = 'Di Park' and month_start = date '2024-05-01'");
        assertThat(diMay).containsEntry("won_deals", 1L).containsEntry("grr", 1.0);
        assertThat(new BigDecimal(diMay.get("bookings").toString())).as("D7 expansion").isEqualByComparingTo("1200");
        assertThat((Double) diMay.get("nrr")).isCloseTo(400.0 / 300, within(1e-12));
    }
}
