package dev.baton.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
 * NPS per month, segment and CSM, and churn and expansion after a response, every number worked out by hand (run
 * date 2024-10-15, reporting time zone UTC).
 * <pre>
 *  N1 smb/Cy Moss   N2 smb/Di Park   N3 enterprise/Cy Moss, all paying from 2024-01-01
 *  N1 100 -> 200 from 03-01 (expansion in March); N2 canceled 04-10 (churn in April); N3 500 throughout
 *  Jan  R1 N1 10 (P)  R2 N1 9 (P)  R3 N2 3 (D)  R4 N3 7 (P-assive, 01-31 20:00 UTC)
 *       R5 N3 csat 2 (not NPS)  R10 N1 nps 11 (quarantined)  R3 again, same version (unchanged, counts once)
 *  Feb  R6 N1 8 (passive)  R7 N2 7 (passive)          -- a month of passives only: NPS 0
 *  Mar  nothing
 *  Apr  R8 N2 0 (D)  R9 N3 ces 5 (not NPS)
 *  May, Jun  nothing
 * </pre>
 * NPS = 100 x (promoters - detractors) / responses; trailing = the month and the two before it.
 */
class NpsScenarioFunctionalTests {

    @TempDir
    static Path workspace;

    static PublishedWarehouse published;

    @BeforeAll
    static void runTheNight() throws Exception {
        Path landing = Scenarios.copy("nps", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        int exitCode = BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--run-date", "2024-10-15", "-Dbaton.freshness.max-age=off");
        assertThat(exitCode).isZero();
        published = new PublishedWarehouse(warehouse);
    }

    private static Map<String, Object> cell(String month, String segment, String csm) {
        return published.row("select * from mart_nps_monthly where month_start = date '" + month + "' and segment = '"
                + segment + "' and csm_owner = '" + csm + "'");
    }

    @Test
    void everyoneMonthByMonthWithTheTrailingThreeMonths() {
        List<Map<String, Object>> rows = published.rows("""
                select month_start, responses, responding_accounts, promoters, passives, detractors, nps,
                    trailing_3m_responses, trailing_3m_nps, is_partial_month
                from mart_nps_monthly where segment = 'all' and csm_owner = 'all' order by month_start""");

        // Jan: R1-R4: 4 responses from N1, N2, N3 = 3 accounts; 2 P, 1 passive, 1 D: 100 x (2 - 1) / 4 = 25
        // Feb: R6, R7: 2 passives, NPS 100 x 0 / 2 = 0; trailing Jan-Feb: 6 responses, 2 P, 1 D: 100 / 6
        // Mar: no response, NPS null; trailing Jan-Mar the same 6: 100 / 6
        // Apr: R8: 1 D: -100; trailing Feb-Apr: 3 responses, 0 P, 1 D: -100 / 3
        // May: trailing Mar-May: R8 alone: -100; Jun: trailing Apr-Jun: -100; no row after June (R8's April + 2)
        assertThat(rows).extracting(row -> row.get("month_start").toString())
                .containsExactly("2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01", "2024-06-01");
        assertThat(rows).extracting(row -> tuple(row.get("responses"), row.get("responding_accounts"), row.get("promoters"),
                        row.get("passives"), row.get("detractors")))
                .containsExactly(tuple(4L, 3L, 2L, 1L, 1L), tuple(2L, 2L, 0L, 2L, 0L), tuple(0L, 0L, 0L, 0L, 0L),
                        tuple(1L, 1L, 0L, 0L, 1L), tuple(0L, 0L, 0L, 0L, 0L), tuple(0L, 0L, 0L, 0L, 0L));
        assertThat(rows).extracting(row -> row.get("nps")).containsExactly(25.0, 0.0, null, -100.0, null, null);
        assertThat(rows).extracting(row -> row.get("trailing_3m_responses")).containsExactly(4L, 6L, 6L, 3L, 1L, 1L);
        assertThat(rows).extracting(row -> row.get("trailing_3m_nps"))
                .containsExactly(25.0, 100.0 / 6, 100.0 / 6, -100.0 / 3, -100.0, -100.0);
        assertThat(rows).extracting(row -> row.get("is_partial_month")).containsOnly(false);
    }

    @Test
    void aMonthOfPassivesOnlyHasNpsZero() {
        Map<String, Object> february = cell("2024-02-01", "smb", "all");
        // N1 8 and N2 7: 2 passives, 0 promoters, 0 detractors
        assertThat(february).containsEntry("responses", 2L).containsEntry("passives", 2L).containsEntry("nps", 0.0);
        // trailing Jan-Feb for smb: R1, R2, R3, R6, R7 = 5 responses, 2 P, 1 D: 100 x 1 / 5 = 20
        assertThat(february).containsEntry("trailing_3m_responses", 5L).containsEntry("trailing_3m_nps", 20.0);
    }

    @Test
    void perSegmentAndPerCsm() {
        // smb Jan: R1, R2 (N1), R3 (N2): 3 responses, 2 accounts, 2 P, 1 D: 100 / 3
        assertThat(cell("2024-01-01", "smb", "all")).containsEntry("responses", 3L).containsEntry("responding_accounts", 2L)
                .containsEntry("nps", 100.0 / 3);
        // enterprise Jan: R4 passive: 0. Feb and Mar are quiet but inside R4's trailing window: rows with no responses
        // and trailing NPS 0; April is outside it, so no enterprise row
        assertThat(cell("2024-01-01", "enterprise", "all")).containsEntry("passives", 1L).containsEntry("nps", 0.0);
        assertThat(cell("2024-03-01", "enterprise", "all")).containsEntry("responses", 0L).containsEntry("nps", null)
                .containsEntry("trailing_3m_responses", 1L).containsEntry("trailing_3m_nps", 0.0);
        assertThat(published.count("select * from mart_nps_monthly where segment = 'enterprise' and month_start >= date '2024-04-01'"))
                .isZero();
        // Cy Moss (N1, N3) Jan: R1, R2, R4: 3 responses, 2 accounts, 2 P, 1 passive: 100 x 2 / 3
        assertThat(cell("2024-01-01", "all", "Cy Moss")).containsEntry("responses", 3L).containsEntry("responding_accounts", 2L)
                .containsEntry("nps", 200.0 / 3);
        // Di Park (N2): Jan R3 -100; Feb R7 0; Apr R8 -100, trailing Feb-Apr R7 + R8: 100 x (0 - 1) / 2 = -50
        assertThat(cell("2024-04-01", "all", "Di Park")).containsEntry("nps", -100.0).containsEntry("trailing_3m_nps", -50.0);
        // smb x Cy Moss = N1 alone, Jan: R1, R2 both promoters, 1 account: 100
        assertThat(cell("2024-01-01", "smb", "Cy Moss")).containsEntry("responses", 2L).containsEntry("responding_accounts", 1L)
                .containsEntry("nps", 100.0);
        // levels: per month, every (segment, CSM) pair with data plus (segment, all), (all, CSM) and (all, all)
        // Jan: smb/Cy, smb/Di, enterprise/Cy, smb/all, enterprise/all, all/Cy, all/Di, all/all = 8
        assertThat(published.count("select * from mart_nps_monthly where month_start = date '2024-01-01'")).isEqualTo(8);
    }

    @Test
    void churnAndExpansionInTheSixMonthsAfterAResponse() {
        // observed: the sixth month after the response's month has ended by 10-15: Jan (-> Jul) and Feb (-> Aug)
        // responses; R8 (Apr -> Oct, not over) is left out.
        //  promoters  R1, R2 (N1, Jan; window Feb-Jul has March's expansion): 2 responses, 1 account, 0 churned, 2 expanded
        //  passives   R4 (N3, Jan, no movement), R6 (N1, Feb; Mar-Aug has the expansion), R7 (N2, Feb; Mar-Aug has the
        //             April churn): 3 responses, 3 accounts, 1 churned (1/3), 1 expanded (1/3)
        //  detractors R3 (N2, Jan; Feb-Jul has the April churn): 1 response, 1 churned, 0 expanded
        List<Map<String, Object>> rows = published.rows("select * from mart_nps_outcomes order by nps_category");
        assertThat(rows).extracting(row -> tuple(row.get("nps_category"), row.get("responses"), row.get("accounts"),
                        row.get("churned_responses"), row.get("churn_rate_6m"), row.get("expanded_responses"),
                        row.get("expansion_rate_6m")))
                .containsExactly(
                        tuple("detractor", 1L, 1L, 1L, 1.0, 0L, 0.0),
                        tuple("passive", 3L, 3L, 1L, 1.0 / 3, 1L, 1.0 / 3),
                        tuple("promoter", 2L, 1L, 0L, 0.0, 2L, 1.0));
    }

    @Test
    void theOutOfRangeScoreIsQuarantinedAndEveryRowAccountedFor() {
        Map<String, Object> quarantined = published.row("select * from quarantine where entity = 'survey_responses'");
        assertThat(quarantined).containsEntry("source_file", "survey_responses.csv").containsEntry("line_number", 7L)
                .containsEntry("column_name", "score").containsEntry("raw_value", "11")
                .containsEntry("reason", "breaks rule ((score BETWEEN 0 AND 10) OR (survey != 'nps'))");
        // 11 lines read = 9 loaded + 1 unchanged (R3's repeat) + 1 quarantined (R10)
        assertThat(published.row("select * from load_reconciliation where entity = 'survey_responses'"))
                .containsEntry("rows_read", 11L).containsEntry("rows_loaded", 9L).containsEntry("rows_unchanged", 1L)
                .containsEntry("rows_quarantined", 1L);
        assertThat(published.count("select * from fct_survey_response")).isEqualTo(9);
        assertThat(published.row("select passed from audit_results where audit_name = 'load_reconciliation__rows_balance'"))
                .containsEntry("passed", true);
    }

    @Test
    void theLatestNpsAnswerOfTheLastSixMonthsIsAHealthComponent() {
        List<Map<String, Object>> rows = published.rows("""
                select account_id || ' ' || strftime(month_start, '%Y-%m') as account_month, nps_score_last_6_months,
                    nps_points, health_score, health_band
                from mart_account_health
                where (account_id, month_start) in (('N1', date '2024-01-01'), ('N1', date '2024-03-01'),
                    ('N2', date '2024-01-01'), ('N3', date '2024-06-01'), ('N3', date '2024-07-01'))
                order by account_id, month_start""");

        // no tickets, no hand-offs anywhere: support load 20, CSAT neutral 10 (R5 is a survey, not a ticket CSAT),
        // hand-off 0; MRR trend 20 unless MRR fell (it never does while paying)
        // N1 Jan: R1 10 (01-10) and R2 9 (01-11): the latest is R2, a promoter: 20 -> 20 + 20 + 10 + 0 + 20 = 70
        // N1 Mar: window Oct-Mar, latest R6 8 (Feb), a passive: 10 -> 60
        // N2 Jan: R3 3, a detractor: 0 -> 50
        // N3 Jun: window Jan-Jun holds R4 7 (01-31), a passive: 10 -> 60
        // N3 Jul: window Feb-Jul: R4 is older than 6 months, R9 is CES: no answer, neutral 10 -> 60
        assertThat(rows).extracting(row -> tuple(row.get("account_month"), row.get("nps_score_last_6_months"),
                        row.get("nps_points"), row.get("health_score"), row.get("health_band")))
                .containsExactly(
                        tuple("N1 2024-01", 9, 20.0, 70.0, "amber"),
                        tuple("N1 2024-03", 8, 10.0, 60.0, "amber"),
                        tuple("N2 2024-01", 3, 0.0, 50.0, "amber"),
                        tuple("N3 2024-06", 7, 10.0, 60.0, "amber"),
                        tuple("N3 2024-07", null, 10.0, 60.0, "amber"));
    }
}
