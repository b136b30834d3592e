package dev.baton.freshness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Before the models, each fact feed's newest date (on or before the run date) is compared with the run date:
 * a billing feed older than baton.freshness.max-age (P35D) fails the night with one line; deals and tickets warn.
 * Scenario four_accounts: subscriptions' newest date is 2024-04-01 (S2/S4 starts, S2's updated_at), deals'
 * 2024-02-20 (D3 closed), tickets' 2024-01-13 (T1 solved; T2 is quarantined).
 */
class FreshnessFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void theRavenStackJobWithoutARunDateRefusesWithOneLineNamingTheFix() throws Exception {
        Path warehouse = workspace.resolve("warehouse");
        LocalDate today = LocalDate.now();

        Scenarios.Captured stale = Scenarios.capture(() -> BatonCli.execute("run", "--job", "ravenstack", "--landing",
                "reference-data/ravenstack", "--warehouse", warehouse.toString()));

        // the export's newest subscription date is 2024-12-31 (the last start and end dates)
        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.err().strip()).doesNotContain("\n")
                .contains("step 'check-freshness': subscriptions feed's newest date is 2024-12-31, "
                        + ChronoUnit.DAYS.between(LocalDate.of(2024, 12, 31), today) + " days before the run date " + today
                        + " (baton.freshness.max-age P35D)")
                .contains("--run-date 2024-12-31").contains("-Dbaton.freshness.max-age=off");
        assertThat(warehouse.resolve("warehouse.duckdb")).doesNotExist();

        // off disables the check: the same night, restarted, publishes
        Scenarios.Captured off = Scenarios.capture(() -> BatonCli.execute("run", "--job", "ravenstack", "--landing",
                "reference-data/ravenstack", "--warehouse", warehouse.toString(), "-Dbaton.freshness.max-age=off"));
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(new PublishedWarehouse(warehouse).rows("select entity, stale from feed_freshness order by entity"))
                .containsExactly(Map.of("entity", "deals", "stale", false), Map.of("entity", "subscriptions", "stale", false),
                        Map.of("entity", "tickets", "stale", false));
    }

    @Test
    void aBillingFeedOlderThanTheLimitFailsTheNightOtherFeedsWarn() throws Exception {
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));

        // 2024-04-01 + 35 days = 2024-05-06 (29 days to April 30, 6 into May): on the limit, still current
        Scenarios.Captured onTheLimit = night(landing, "on-limit", "2024-05-06");
        // one day later it is stale
        Scenarios.Captured stale = night(landing, "stale", "2024-05-07");

        assertThat(onTheLimit.exitCode()).as(onTheLimit.err()).isZero();
        // deals: 2024-02-20 to 2024-05-06 = 9 + 31 + 30 + 6 = 76 days; tickets: 2024-01-13 to 2024-05-06 = 18 + 29 + 31 + 30 + 6 = 114
        assertThat(onTheLimit.out())
                .contains("warning: check-freshness: deals feed's newest date is 2024-02-20, 76 days before the run date 2024-05-06 (baton.freshness.max-age P35D)")
                .contains("warning: check-freshness: tickets feed's newest date is 2024-01-13, 114 days before the run date 2024-05-06");
        assertThat(new PublishedWarehouse(workspace.resolve("on-limit")).rows(
                "select entity, cast(newest_date as varchar) as newest, stale from feed_freshness order by entity"))
                .containsExactly(Map.of("entity", "deals", "newest", "2024-02-20", "stale", true),
                        Map.of("entity", "subscriptions", "newest", "2024-04-01", "stale", false),
                        Map.of("entity", "tickets", "newest", "2024-01-13", "stale", true));
        Scenarios.Captured status = Scenarios.capture(() -> BatonCli.execute("status", "--warehouse", workspace.resolve("on-limit").toString()));
        assertThat(status.out()).contains("Feeds (newest date): deals 2024-02-20 (stale), subscriptions 2024-04-01, tickets 2024-01-13 (stale)")
                .contains("warning: deals feed's newest date is 2024-02-20, older than baton.freshness.max-age before the run date 2024-05-06");

        assertThat(stale.exitCode()).isEqualTo(1);
        assertThat(stale.err().strip()).doesNotContain("\n")
                .endsWith("step 'check-freshness': subscriptions feed's newest date is 2024-04-01, 36 days before the run date 2024-05-07"
                        + " (baton.freshness.max-age P35D): nothing published; run for the date the data covers with --run-date 2024-04-01,"
                        + " or set -Dbaton.freshness.max-age=off (or a longer period)");
        assertThat(workspace.resolve("stale/warehouse.duckdb")).doesNotExist();

        // a longer limit is the other fix
        Scenarios.Captured longer = Scenarios.capture(() -> BatonCli.execute("run", "--landing", landing.toString(), "--warehouse",
                workspace.resolve("stale").toString(), "--run-date", "2024-05-07", "-Dbaton.extract.max-quarantined-share=0.5",
                "-Dbaton.freshness.max-age=P2M"));
        assertThat(longer.exitCode()).as(longer.err()).isZero();
    }

    @Test
    void aMaxAgeThatIsNeitherAPeriodNorOffIsAConfigurationError() throws Exception {
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));

        Scenarios.Captured bad = Scenarios.capture(() -> BatonCli.execute("run", "--landing", landing.toString(), "--warehouse",
                workspace.resolve("w").toString(), "--run-date", "2024-04-15", "-Dbaton.freshness.max-age=35 days"));

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).doesNotContain("\n").contains("baton.freshness.max-age must be an ISO-8601 period like P35D, or off; got '35 days'");
    }

    @Test
    void theSampleRunWithNoOptionsIsCurrentUpToToday() throws Exception {
        Path warehouse = workspace.resolve("warehouse");
        LocalDate today = LocalDate.now();

        Scenarios.Captured sample = Scenarios.capture(() -> BatonCli.execute("run", "--warehouse", warehouse.toString()));

        assertThat(sample.exitCode()).as(sample.err()).isZero();
        YearMonth first = YearMonth.from(today).minusMonths(35);
        assertThat(Files.readString(warehouse.resolve("sample-landing.window"))).startsWith(first + " 36 months");
        // the marker lies beside the landing folder: nothing in it is left unclaimed
        assertThat(sample.out()).doesNotContain("no entity claims");
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        Map<String, Object> billing = published.row("select newest_date, stale from feed_freshness where entity = 'subscriptions'");
        assertThat(billing.get("stale")).isEqualTo(false);
        assertThat((LocalDate) billing.get("newest_date")).isBetween(today.minusDays(35), today);
        List<Map<String, Object>> months = published.rows("select month from mart_mrr_bridge order by month");
        assertThat((LocalDate) months.get(0).get("month")).as("the first paid month").isAfterOrEqualTo(first.atDay(1));
        assertThat(months.get(months.size() - 1).get("month")).isEqualTo(YearMonth.from(today).atDay(1));
        assertThat(published.count("select * from fct_mrr_movement where movement_type = 'new' and month_start >= date '"
                + YearMonth.from(today).minusMonths(2).atDay(1) + "'")).as("new accounts in the last three months").isPositive();
    }

    private Scenarios.Captured night(Path landing, String warehouse, String runDate) throws Exception {
        return Scenarios.capture(() -> BatonCli.execute("run", "--landing", landing.toString(), "--warehouse",
                workspace.resolve(warehouse).toString(), "--run-date", runDate, "-Dbaton.extract.max-quarantined-share=0.5"));
    }
}
