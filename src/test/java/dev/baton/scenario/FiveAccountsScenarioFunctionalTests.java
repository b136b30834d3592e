package dev.baton.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five accounts whose every number is worked out by hand (run date 2024-04-15, reporting currency USD, EUR at
 * 1.10 in January, 1.20 at the end of February, 1.25 from the end of March):
 * <pre>
 *  A1 USD 100/month from 2024-01-10, upgraded to 150 on 2024-03-05           Jan 100  Feb 100  Mar 150  Apr 150
 *  A2 USD annual 1200 x 2 seats - 10% = 180/month, ends 2024-03-15; back
 *     on 2024-04-01 at 90/month                                              Jan 180  Feb 180  Mar   0  Apr  90
 *  A3 EUR 1000/month from 2024-02-01                                         Jan   -  Feb 1200 Mar 1250 Apr 1250
 *  A4 USD trial, then 50/month from 2024-01-15, paused in March              Jan  50  Feb  50  Mar   0  Apr  50
 *  A5 trial only: never pays
 * Bridge   opening   new  expansion contraction churn reactivation fx  closing
 *  Jan           0   330          0           0     0            0  0      330
 *  Feb         330  1200          0           0     0            0  0     1530
 *  Mar        1530     0         50          50   180            0 50     1400   (A1 up, A4 pause, A2 churn, EUR up)
 *  Apr        1400     0         50           0     0           90  0     1540   (A4 resumes, A2 reactivates)
 * </pre>
 */
class FiveAccountsScenarioFunctionalTests {

    @TempDir
    Path workspace;

    Path landing;
    Path warehouse;

    @BeforeEach
    void copyScenario() throws Exception {
        landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        warehouse = workspace.resolve("warehouse");
    }

    private int run(String... extra) {
        String[] base = {"run", "--landing", landing.toString(), "--warehouse", warehouse.toString(), "--run-date", "2024-04-15"};
        String[] args = Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new);
        return BatonCli.execute(args);
    }

    private int runAllowingTheBadTicket() {
        return run("-Dbaton.extract.max-quarantined-share=0.5");
    }

    @Test
    void bridgeBalancesToTheHandComputedNumbers() {
        // given the scenario, when
        assertThat(runAllowingTheBadTicket()).isZero();

        // then
        List<Map<String, Object>> bridge = new PublishedWarehouse(warehouse).rows("""
                select cast(month as varchar) as month, opening_mrr, new, expansion, contraction, churn, reactivation, fx, closing_mrr
                from mart_mrr_bridge order by month""");
        assertThat(bridge).hasSize(4);
        assertBridge(bridge.get(0), "2024-01-01", 0, 330, 0, 0, 0, 0, 0, 330);
        assertBridge(bridge.get(1), "2024-02-01", 330, 1200, 0, 0, 0, 0, 0, 1530);
        assertBridge(bridge.get(2), "2024-03-01", 1530, 0, 50, 50, 180, 0, 50, 1400);
        assertBridge(bridge.get(3), "2024-04-01", 1400, 0, 50, 0, 0, 90, 0, 1540);
    }

    private static void assertBridge(Map<String, Object> row, String month, int opening, int newMrr, int expansion,
            int contraction, int churn, int reactivation, int fx, int closing) {
        assertThat(row.get("month")).isEqualTo(month);
        assertThat(List.of(row.get("opening_mrr"), row.get("new"), row.get("expansion"), row.get("contraction"),
                row.get("churn"), row.get("reactivation"), row.get("fx"), row.get("closing_mrr")))
                .as("bridge of %s", month)
                .map(value -> new BigDecimal(value.toString()).stripTrailingZeros())
                .containsExactly(List.of(opening, newMrr, expansion, contraction, churn, reactivation, fx, closing).stream()
                        .map(value -> new BigDecimal(value).stripTrailingZeros()).toArray(BigDecimal[]::new));
    }

    @Test
    void movementsAreClassifiedPerAccount() {
        assertThat(runAllowingTheBadTicket()).isZero();

        List<Map<String, Object>> movements = new PublishedWarehouse(warehouse).rows("""
                select account_id || ' ' || cast(month_start as varchar) || ' ' || movement_type as movement
                from fct_mrr_movement order by account_id, month_start""");
        assertThat(movements).extracting(row -> row.get("movement")).containsExactly(
                "A1 2024-01-01 new", "A1 2024-02-01 none", "A1 2024-03-01 expansion", "A1 2024-04-01 none",
                "A2 2024-01-01 new", "A2 2024-02-01 none", "A2 2024-03-01 churn", "A2 2024-04-01 reactivation",
                "A3 2024-02-01 new", "A3 2024-03-01 fx", "A3 2024-04-01 none",
                "A4 2024-01-01 new", "A4 2024-02-01 none", "A4 2024-03-01 contraction", "A4 2024-04-01 expansion");
    }

    @Test
    void churnMartShowsLogoChurnNrrAndGrr() {
        assertThat(runAllowingTheBadTicket()).isZero();
        PublishedWarehouse published = new PublishedWarehouse(warehouse);

        Map<String, Object> march = published.row("select * from mart_churn_monthly where month = date '2024-03-01' and segment = 'all'");
        assertThat(march.get("starting_accounts")).isEqualTo(4L);
        assertThat(march.get("churned_accounts")).isEqualTo(1L);
        assertThat((Double) march.get("logo_churn_rate")).isEqualTo(0.25);
        assertThat((Double) march.get("gross_mrr_churn_rate")).isCloseTo(230.0 / 1530, within(1e-12));
        // constant currency: A3 valued at February's 1.20 -> (150 + 0 + 1200 + 0) / 1530; GRR caps A1 at 100
        assertThat((Double) march.get("nrr")).isCloseTo(1350.0 / 1530, within(1e-12));
        assertThat((Double) march.get("grr")).isCloseTo(1300.0 / 1530, within(1e-12));

        Map<String, Object> marchSmb = published.row("select * from mart_churn_monthly where month = date '2024-03-01' and segment = 'smb'");
        assertThat(marchSmb.get("starting_accounts")).isEqualTo(3L);
        assertThat((Double) marchSmb.get("logo_churn_rate")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat((Double) marchSmb.get("nrr")).isCloseTo(150.0 / 330, within(1e-12));

        Map<String, Object> april = published.row("select * from mart_churn_monthly where month = date '2024-04-01' and segment = 'all'");
        // April opens with the customers of March 31: A1 150, A3 1250 and A4, paused (a customer, 0 MRR) = 3, 1400.
        // Closing at March's rates: A1 150 + A3 1250 + A4's resume 50 = 1450 -> NRR 1450 / 1400; GRR caps A4 at 0: 1400 / 1400
        assertThat(april.get("starting_accounts")).isEqualTo(3L);
        assertThat(april.get("reactivated_accounts")).isEqualTo(1L);
        assertThat((Double) april.get("nrr")).isCloseTo(1450.0 / 1400, within(1e-12));
        assertThat((Double) april.get("grr")).isCloseTo(1.0, within(1e-12));

        Map<String, Object> january = published.row("select * from mart_churn_monthly where month = date '2024-01-01' and segment = 'all'");
        assertThat(january.get("new_accounts")).isEqualTo(3L);
        assertThat(january.get("logo_churn_rate")).as("no paying account at the start of January").isNull();
    }

    @Test
    void cohortTableKeepsConstantCurrencyAndCapsGrr() {
        assertThat(runAllowingTheBadTicket()).isZero();

        List<Map<String, Object>> january = new PublishedWarehouse(warehouse).rows(
                "select * from mart_cohort_nrr where cohort_month = date '2024-01-01' order by months_since_start");
        assertThat(january).hasSize(4);
        assertThat(january).extracting(row -> row.get("cohort_accounts")).containsOnly(3L);
        // March: A1 pays, A4 is paused (still a customer), A2 churned -> 2 of 3
        assertThat(january).extracting(row -> row.get("active_accounts")).containsExactly(3L, 3L, 2L, 3L);
        assertThat(january).extracting(row -> ((Double) row.get("nrr")))
                .containsExactly(1.0, 1.0, 150.0 / 330, 290.0 / 330);
        assertThat(january).extracting(row -> ((Double) row.get("grr")))
                .containsExactly(1.0, 1.0, 100.0 / 330, 240.0 / 330);
        assertThat((Double) january.get(2).get("logo_retention")).isCloseTo(2.0 / 3, within(1e-12));

        List<Map<String, Object>> february = new PublishedWarehouse(warehouse).rows(
                "select * from mart_cohort_nrr where cohort_month = date '2024-02-01' order by months_since_start");
        // A3's EUR rises from 1.20 to 1.25, but cohort NRR stays at the cohort month's rate
        assertThat(february).extracting(row -> ((Double) row.get("nrr"))).containsExactly(1.0, 1.0, 1.0);
        assertThat(new BigDecimal(february.get(0).get("starting_mrr").toString())).isEqualByComparingTo("1200");
    }

    @Test
    void unitEconomicsPerChannel() {
        assertThat(runAllowingTheBadTicket()).isZero();
        PublishedWarehouse published = new PublishedWarehouse(warehouse);

        Map<String, Object> organicJanuary = published.row(
                "select * from mart_ltv_cac where month = date '2024-01-01' and acquisition_channel = 'organic'");
        assertThat(organicJanuary.get("new_accounts")).isEqualTo(2L);
        assertThat(new BigDecimal(organicJanuary.get("spend").toString())).isEqualByComparingTo("500");
        assertThat((Double) organicJanuary.get("cac")).isEqualTo(250.0);
        assertThat((Double) organicJanuary.get("arpa")).isEqualTo(75.0);
        assertThat((Double) organicJanuary.get("cac_payback_months")).isCloseTo(250 / (75 * 0.8), within(1e-9));
        assertThat(organicJanuary.get("ltv")).as("no churn yet: empty, never infinite").isNull();

        Map<String, Object> outboundFebruary = published.row(
                "select * from mart_ltv_cac where month = date '2024-02-01' and acquisition_channel = 'outbound'");
        assertThat(new BigDecimal(outboundFebruary.get("spend").toString())).as("1000 EUR at 1.20").isEqualByComparingTo("1200");
        assertThat((Double) outboundFebruary.get("cac_payback_months")).isCloseTo(1.25, within(1e-9));

        // paid_search in April: trailing window Jan-Apr has 2 starting account-months and 1 churn -> 0.5
        Map<String, Object> paidSearchApril = published.row(
                "select * from mart_ltv_cac where month = date '2024-04-01' and acquisition_channel = 'paid_search'");
        assertThat((Double) paidSearchApril.get("logo_churn_rate")).isEqualTo(0.5);
        assertThat((Double) paidSearchApril.get("arpa")).isEqualTo(90.0);
        assertThat((Double) paidSearchApril.get("ltv")).isCloseTo(90 * 0.8 / 0.5, within(1e-9));
    }

    @Test
    void stagingDeduplicatesAndFactsCarryTheSupportAndHandoffDetail() {
        assertThat(runAllowingTheBadTicket()).isZero();
        PublishedWarehouse published = new PublishedWarehouse(warehouse);

        assertThat(published.row("select account_name from dim_account where account_id = 'A4'").get("account_name"))
                .as("the newer updated_at wins").isEqualTo("Delta Dental");
        assertThat(published.count("select * from dim_account")).isEqualTo(5);
        assertThat(published.row("select cohort_month from dim_account where account_id = 'A5'").get("cohort_month"))
                .as("a trial-only account never joins a cohort").isNull();

        Map<String, Object> ticket = published.row("select * from fct_ticket where ticket_id = 'T1'");
        assertThat((Double) ticket.get("first_response_hours")).isEqualTo(2.5);
        assertThat((Double) ticket.get("resolution_hours")).isEqualTo(24.0);

        Map<String, Object> handoff = published.row("select * from fct_handoff where deal_id = 'D1'");
        assertThat(handoff.get("items_filled")).isEqualTo(7);
        assertThat((Double) handoff.get("completeness_score")).isEqualTo(0.7);
        assertThat((Double) handoff.get("days_from_close")).isEqualTo(2.0);

        assertThat(new BigDecimal(published.row("select amount_reporting from fct_deal where deal_id = 'D2'")
                .get("amount_reporting").toString())).as("12000 EUR at January's 1.10").isEqualByComparingTo("13200");
    }

    @Test
    void badRowIsQuarantinedAndEveryRowIsAccountedFor() {
        assertThat(runAllowingTheBadTicket()).isZero();
        PublishedWarehouse published = new PublishedWarehouse(warehouse);

        Map<String, Object> quarantined = published.row("select * from quarantine");
        assertThat(quarantined).containsEntry("entity", "tickets").containsEntry("source_file", "tickets.csv")
                .containsEntry("line_number", 3L).containsEntry("column_name", "created_at")
                .containsEntry("raw_value", "not-a-date").containsEntry("reason", "not an ISO-8601 timestamp");
        Map<String, Object> tickets = published.row("select * from load_reconciliation where entity = 'tickets'");
        assertThat(tickets).containsEntry("rows_read", 2L).containsEntry("rows_loaded", 1L).containsEntry("rows_quarantined", 1L);
        assertThat(published.count("select * from load_reconciliation where rows_read <> rows_loaded + rows_quarantined")).isZero();
        assertThat(published.count("select * from load_reconciliation")).isEqualTo(7);
        assertThat(published.count("select * from audit_results where not passed and severity = 'error'")).isZero();
        assertThat(published.count("select * from audit_results")).isGreaterThan(10);
    }

    @Test
    void tooManyBadRowsFailTheRunNamingFileAndLineAndPublishNothing() throws Exception {
        Scenarios.Captured run = Scenarios.capture(() -> run());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("tickets.csv").contains("1 of 2 rows are bad")
                .contains("line 3 column created_at 'not-a-date': not an ISO-8601 timestamp");
        assertThat(warehouse.resolve("warehouse.duckdb")).doesNotExist();
    }
}
