package dev.baton.metrics;

import static dev.baton.metrics.MetricTrustScenario.money;
import static dev.baton.metrics.MetricTrustScenario.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of issue 17 for spend, CAC and LTV on scenario {@code metric_trust} (worked out by hand in
 * {@link MetricTrustScenario}), run with the defaults, with {@code cac-lag-months=1} and without its spend file.
 */
class MetricTrustUnitEconomicsFunctionalTests {

    @TempDir
    static Path workspace;

    static PublishedWarehouse defaults;
    static PublishedWarehouse lagged;
    static PublishedWarehouse noSpend;

    @BeforeAll
    static void runTheScenarioThreeWays() throws Exception {
        Path landing = Scenarios.copy("metric_trust", workspace.resolve("landing"));
        assertThat(run(landing, workspace.resolve("defaults"))).isZero();
        assertThat(run(landing, workspace.resolve("lagged"), "-Dbaton.metrics.cac-lag-months=1")).isZero();
        defaults = new PublishedWarehouse(workspace.resolve("defaults"));
        lagged = new PublishedWarehouse(workspace.resolve("lagged"));

        Path withoutSpend = Scenarios.copy("metric_trust", workspace.resolve("landing-without-spend"));
        Files.delete(withoutSpend.resolve("spend.csv"));
        assertThat(run(withoutSpend, workspace.resolve("no-spend"))).isZero();
        noSpend = new PublishedWarehouse(workspace.resolve("no-spend"));
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
}
