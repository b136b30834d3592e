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
                "--run-date", "2024-06-15", "-Dbaton.freshness.max-age=off");
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
        // April rows: pairs Cy/Ana, Di/Ana, Cy/Bo; CSMs Cy, Di; sales Ana, Bo; all/all = 8
        assertThat(published.count("select * from mart_expansion_monthly where month_start = date '2024-04-01'")).isEqualTo(8);
        // January is every account's first paid month: no customer at the opening, rates empty; D5 (2023) has no row
        assertThat(expansion("2024-01-01", "all", "all")).containsEntry("customers_at_opening", 0L)
                .containsEntry("upsell_rate", null);
        assertThat(published.count("select * from mart_expansion_monthly where month_start < date '2024-01-01'")).isZero();
    }
}
