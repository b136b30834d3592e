package dev.baton.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upsell versus cross-sell, every number worked out by hand (run date 2024-06-15, USD only). The shipped job maps
 * starter, growth, scale and enterprise to the product line {@code platform}; {@code analytics} is its own line
 * and {@code sso} is listed nowhere, so it is its own line too.
 * <pre>
 *  E1 smb   Ana Ruiz / Cy Moss   Jan-Feb starter 10 x 10 = 100; Mar growth 10 x 15 = 150 (higher tier of platform:
 *                                upsell 50); Apr + analytics 80 (a line new to E1: cross-sell 80)
 *  E2 smb   Ana Ruiz / Di Park   Jan-Mar starter 5 x 20 = 100; Apr starter 8 x 20 = 160 (more seats: upsell 60)
 *                                + sso 30 (new line: cross-sell 30); expansion 90
 *  E3 mid   Bo Chen / Cy Moss    Jan-Mar growth 500; Apr analytics 100 instead: a new line, but MRR fell (contraction
 *                                400), so no expansion and no cross-sell
 *  deals: D1 E1 expansion won 03-05 600 by Cy Moss (E1's CSM: CS); D2 E2 expansion won 04-02 1080 by Ana Ruiz
 *         (Sales); D3 E1 expansion won 04-03 960 by Cy Moss (CS); D4 E3 expansion lost; D5 E3 new business (2023)
 *  referrals (all new business, lead source referral):
 *   D6 E4 referred by E1 (Cy Moss), created 03-10, won 04-08 1200; E4 pays 100 from 04-10 (new MRR in April)
 *   D7 E5 referred by E3 (Cy Moss), created 04-05, open
 *   D8 E6 referred by E2 (Di Park), created 03-12, lost 04-20
 *   D9 E7 referred by ZZ, an account nobody knows: quarantined. E7 still pays 100 from 04-20, not referred
 *   E4 Bo Chen / Di Park and E7 Ana Ruiz / Cy Moss are new in April (no expansion, not at April's opening)
 * </pre>
 */
class ScorecardScenarioFunctionalTests {

    @TempDir
    static Path workspace;

    static PublishedWarehouse published;

    @BeforeAll
    static void runTheNight() throws Exception {
        Path landing = Scenarios.copy("scorecard", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        int exitCode = BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--run-date", "2024-06-15", "-Dbaton.freshness.max-age=off",
                // D9, the quarantined referral, is 1 of 9 deals: more than the default 10%
                "-Dbaton.extract.max-quarantined-share=0.2");
        assertThat(exitCode).isZero();
        published = new PublishedWarehouse(warehouse);
    }

    private static Map<String, Object> expansion(String month, String csm, String sales) {
        return published.row("select * from mart_expansion_monthly where month_start = date '" + month
                + "' and csm_owner = '" + csm + "' and sales_owner = '" + sales + "'");
    }

    private static void assertAmount(Map<String, Object> row, String column, String expected) {
        assertThat(new BigDecimal(row.get(column).toString())).as(column).isEqualByComparingTo(expected);
    }

    @Test
    void aHigherTierOfALineTheAccountHasIsUpsell() {
        // March, everyone: E1 100 -> 150 on the platform line it has had since January: upsell 50, cross-sell 0;
        // customers at the opening E1, E2, E3 = 3; 1 expanding; D1 won by CS
        Map<String, Object> march = expansion("2024-03-01", "all", "all");
        assertAmount(march, "expansion_mrr", "50");
        assertAmount(march, "upsell_mrr", "50");
        assertAmount(march, "cross_sell_mrr", "0");
        assertThat(march).containsEntry("customers_at_opening", 3L).containsEntry("accounts_expanding", 1L)
                .containsEntry("upsell_accounts", 1L).containsEntry("cross_sell_accounts", 0L)
                .containsEntry("cross_sell_rate", 0.0)
                .containsEntry("expansion_deals_won_by_cs", 1L).containsEntry("expansion_deals_won_by_sales", 0L);
        assertThat((Double) march.get("upsell_rate")).isCloseTo(1.0 / 3, within(1e-12));
        assertAmount(march, "expansion_bookings_by_cs", "600");
    }

    @Test
    void aLineNewToTheAccountIsCrossSellAndMoreSeatsUpsell() {
        // April, everyone: E1 +80 all cross-sell (analytics); E2 +90 = 30 cross-sell (sso) + 60 upsell (seats);
        // E3 fell 500 -> 100: no expansion, its new analytics line is not cross-sell.
        // expansion 170 = upsell 60 + cross-sell 110; 2 expanding of 3 at the opening; upsell E2 (1), cross-sell E1, E2 (2)
        Map<String, Object> april = expansion("2024-04-01", "all", "all");
        assertAmount(april, "expansion_mrr", "170");
        assertAmount(april, "upsell_mrr", "60");
        assertAmount(april, "cross_sell_mrr", "110");
        assertThat(april).containsEntry("customers_at_opening", 3L).containsEntry("accounts_expanding", 2L)
                .containsEntry("upsell_accounts", 1L).containsEntry("cross_sell_accounts", 2L);
        assertThat((Double) april.get("expansion_rate")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat((Double) april.get("upsell_rate")).isCloseTo(1.0 / 3, within(1e-12));
        assertThat((Double) april.get("cross_sell_rate")).isCloseTo(2.0 / 3, within(1e-12));
        // D3 (960) by CS, D2 (1080) by Sales; D4 was lost
        assertThat(april).containsEntry("expansion_deals_won_by_cs", 1L).containsEntry("expansion_deals_won_by_sales", 1L);
        assertAmount(april, "expansion_bookings_by_cs", "960");
        assertAmount(april, "expansion_bookings_by_sales", "1080");
    }

    @Test
    void perCsmAndSalesOwner() {
        // Cy Moss (E1, E3), April: 2 at the opening, E1 expands by 80, all cross-sell: cross-sell rate 1/2, upsell 0
        Map<String, Object> cy = expansion("2024-04-01", "Cy Moss", "all");
        assertAmount(cy, "cross_sell_mrr", "80");
        assertAmount(cy, "upsell_mrr", "0");
        assertThat(cy).containsEntry("customers_at_opening", 2L).containsEntry("cross_sell_rate", 0.5)
                .containsEntry("upsell_rate", 0.0).containsEntry("expansion_deals_won_by_cs", 1L)
                .containsEntry("expansion_deals_won_by_sales", 0L);
        // Di Park x Ana Ruiz = E2 alone: upsell 60, cross-sell 30, both rates 1; D2 by Sales
        Map<String, Object> diAna = expansion("2024-04-01", "Di Park", "Ana Ruiz");
        assertAmount(diAna, "upsell_mrr", "60");
        assertAmount(diAna, "cross_sell_mrr", "30");
        assertThat(diAna).containsEntry("customers_at_opening", 1L).containsEntry("upsell_rate", 1.0)
                .containsEntry("cross_sell_rate", 1.0).containsEntry("expansion_deals_won_by_sales", 1L);
        // Bo Chen (E3) in April: nothing expanded
        assertAmount(expansion("2024-04-01", "all", "Bo Chen"), "expansion_mrr", "0");
        // April rows: pairs Cy/Ana (E1, E7), Di/Ana (E2), Cy/Bo (E3), Di/Bo (E4); CSMs Cy, Di; sales Ana, Bo; all/all = 9
        assertThat(published.count("select * from mart_expansion_monthly where month_start = date '2024-04-01'")).isEqualTo(9);
        // January is every account's first paid month: no customer at the opening, rates empty; D5 (2023) has no row
        assertThat(expansion("2024-01-01", "all", "all")).containsEntry("customers_at_opening", 0L)
                .containsEntry("upsell_rate", null);
        assertThat(published.count("select * from mart_expansion_monthly where month_start < date '2024-01-01'")).isZero();
    }

    private static Map<String, Object> referrals(String month, String csm) {
        return published.row("select * from mart_referrals where month_start = date '" + month + "' and csm_owner = '" + csm + "'");
    }

    @Test
    void referralsCreditTheReferringAccountsCsmWithTheirHealthAtTheTime() {
        // March: D6 (E1) and D8 (E2) created; both referrers paying, health in March: MRR trend 20 (no month 3 before),
        // support 20 (no tickets), CSAT 10 and NPS 10 (neutral), hand-off 0 -> 60 each. No new MRR in March
        Map<String, Object> march = referrals("2024-03-01", "all");
        assertThat(march).containsEntry("referred_deals", 2L).containsEntry("referring_accounts", 2L)
                .containsEntry("deals_referred_by_customers", 2L).containsEntry("won_referred_deals", 0L)
                .containsEntry("avg_referrer_health_score", 60.0).containsEntry("customer_referral_share_of_new_mrr", null);
        assertThat(referrals("2024-03-01", "Cy Moss")).containsEntry("referred_deals", 1L);
        assertThat(referrals("2024-03-01", "Di Park")).containsEntry("referred_deals", 1L);

        // April: D7 created (E3: 100 vs January's 500 -> MRR trend 0, so 0 + 20 + 10 + 0 + 10 = 40); D6 won (1200)
        // and E4's new MRR 100 came from E1's referral; all new MRR = E4 100 + E7 100 = 200: share 100 / 200
        Map<String, Object> april = referrals("2024-04-01", "all");
        assertThat(april).containsEntry("referred_deals", 1L).containsEntry("referring_accounts", 1L)
                .containsEntry("won_referred_deals", 1L).containsEntry("avg_referrer_health_score", 40.0)
                .containsEntry("customer_referral_share_of_new_mrr", 0.5);
        assertAmount(april, "won_referred_bookings", "1200");
        assertAmount(april, "referred_new_mrr", "100");
        assertAmount(april, "customer_referred_new_mrr", "100");
        assertAmount(april, "new_mrr", "200");
        // both April referrers (E3, E1) are Cy Moss's: the same figures; D8's loss gives Di Park no April row
        Map<String, Object> cy = referrals("2024-04-01", "Cy Moss");
        assertThat(cy).containsEntry("referred_deals", 1L).containsEntry("won_referred_deals", 1L)
                .containsEntry("customer_referral_share_of_new_mrr", 0.5);
        assertThat(published.count("select * from mart_referrals where month_start = date '2024-04-01'")).isEqualTo(2);
        // January: every account's new MRR (100 + 100 + 500), none referred: share 0
        Map<String, Object> january = referrals("2024-01-01", "all");
        assertThat(january).containsEntry("referred_deals", 0L).containsEntry("customer_referral_share_of_new_mrr", 0.0);
        assertAmount(january, "new_mrr", "700");
    }

    @Test
    void anUnknownReferringAccountIsQuarantined() {
        Map<String, Object> quarantined = published.row("select * from quarantine where entity = 'deals'");
        assertThat(quarantined).containsEntry("source_file", "deals.csv").containsEntry("line_number", 10L)
                .containsEntry("column_name", "referred_by_account_id").containsEntry("raw_value", "ZZ")
                .containsEntry("reason", "unknown referring account: no accounts row has this referred_by_account_id");
        assertThat(published.count("select * from fct_deal where deal_id = 'D9'")).isZero();
        assertThat(published.row("select referred_by_account_id, lead_source from fct_deal where deal_id = 'D6'"))
                .containsEntry("referred_by_account_id", "E1").containsEntry("lead_source", "referral");
    }
}
