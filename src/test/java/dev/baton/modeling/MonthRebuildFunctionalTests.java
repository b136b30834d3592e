package dev.baton.modeling;

import static dev.baton.modeling.IncrementalNights.amount;
import static dev.baton.modeling.IncrementalNights.assertSameRows;
import static dev.baton.modeling.IncrementalNights.builds;
import static dev.baton.modeling.IncrementalNights.run;
import static dev.baton.modeling.IncrementalNights.tables;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.baton.bench.DeltaDelivery;
import dev.baton.generate.DayDelivery;
import dev.baton.generate.LandingGenerator;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A day-delta night whose changes reach back three months rebuilds the marts that declare {@code recompute_from_month:}
 * from the earliest changed month only, and ends with exactly the tables a whole build of the same landed rows gives.
 */
class MonthRebuildFunctionalTests {

    private static final LocalDate FULL_NIGHT = LocalDate.of(2024, 12, 29);
    private static final LocalDate DAY_DELTA_NIGHT = FULL_NIGHT.plusDays(1);
    private static final List<String> BY_MONTH = List.of("mart_churn_monthly", "mart_mrr_bridge", "mart_retention_monthly",
            "mart_expansion_monthly", "bi_mrr_by_segment_month");

    @TempDir
    Path workspace;

    /**
     * The next business day (new periods from the run date, tickets, deals; no generated corrections) plus one
     * back-dated correction by hand: an open subscription period begun on September 1-20, 2024, without discount, gets
     * one more seat from its start, keyed in on December 30. It is in force on September 30, so September 2024 is the
     * earliest month whose per-account rows differ; the day's new periods change December.
     */
    @Test
    void aBackDatedCorrectionRebuildsTheMonthlyMartsFromItsMonthAndEndsAsAWholeBuild() throws Exception {
        LandingGenerator generator = new LandingGenerator(7, 400, YearMonth.of(2023, 1), 24);
        Path landing = workspace.resolve("landing");
        Path nextDay = workspace.resolve("next-day");
        DayDelivery.write(generator, FULL_NIGHT, landing, nextDay, false);
        DeltaDelivery.linkDelivered(landing, nextDay);
        String corrected = correctOneSeptemberPeriod(landing, nextDay);

        Path incremental = workspace.resolve("incremental");
        assertThat(run(landing, incremental, FULL_NIGHT.toString())).isZero();
        assertThat(run(nextDay, incremental, DAY_DELTA_NIGHT.toString())).isZero();
        Path whole = workspace.resolve("whole");
        assertThat(run(nextDay, whole, DAY_DELTA_NIGHT.toString())).isZero();

        PublishedWarehouse published = new PublishedWarehouse(incremental);
        assertThat(published.rows("select cast(key_value as varchar) as month from night_changes where entity = 'months fct_mrr_month'"
                + " order by month").stream().map(row -> (String) row.get("month")).toList())
                .as("months of fct_mrr_month's changed rows (subscription %s corrected)", corrected)
                .startsWith("2024-09-01").contains("2024-12-01");
        Map<String, String> builds = builds(published);
        for (String mart : BY_MONTH) {
            assertThat(builds.get(mart)).as(mart).isEqualTo("months");
        }
        // its channels come from every account, so a new account can add a row to every month: no recompute_from_month
        assertThat(builds.get("mart_ltv_cac")).isEqualTo("full");
        // the rows before September are last night's, untouched: the same as the full night's published ones
        assertThat(published.count("select * from mart_churn_monthly where month < date '2024-09-01'")).isPositive();

        List<String> tables = tables(whole);
        assertThat(tables).containsAll(BY_MONTH);
        assertSameRows(incremental, whole, tables);
    }

    /**
     * The four-accounts scenario (FiveAccountsScenarioFunctionalTests), then on 2024-04-16 A2 (Birch Bakery) moves from
     * smb to mid_market. Only dim_account changes, and A2 has paid since January (S3, 2 seats of 1,200 a year at 10%
     * off: 180 a month), so the churn mart is rebuilt from January: its new MRR in January is, by hand, smb 150 (A1 100,
     * A4 50) and mid_market 180 (A2), where it was smb 330 the night before.
     */
    @Test
    void anAccountsNewSegmentRebuildsTheMonthlyMartsFromItsFirstPaidMonth() throws Exception {
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        assertThat(run(landing, warehouse, "2024-04-15")).isZero();
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        String januaryNewMrr = "select segment, cast(new_mrr as decimal(18, 2)) as new_mrr from mart_churn_monthly"
                + " where month = date '2024-01-01' and segment <> 'all' and new_mrr > 0 order by segment";
        assertThat(published.rows(januaryNewMrr)).extracting(row -> row.get("segment") + " " + amount(row.get("new_mrr")))
                .containsExactly("smb 330");
        Files.writeString(landing.resolve("accounts_correction.csv"), """
                account_id,account_name,segment,industry,country,acquisition_channel,sales_owner,csm_owner,created_at,updated_at
                A2,Birch Bakery,mid_market,retail,US,paid_search,Dana Reyes,Sam Cole,2024-01-15T09:00:00Z,2024-04-16T00:00:00Z
                """);

        assertThat(run(landing, warehouse, "2024-04-16")).isZero();

        assertThat(published.rows(januaryNewMrr)).extracting(row -> row.get("segment") + " " + amount(row.get("new_mrr")))
                .containsExactly("mid_market 180", "smb 150");
        Map<String, String> builds = builds(published);
        assertThat(builds).containsEntry("dim_account", "accounts 1").containsEntry("fct_mrr_movement", "kept")
                .containsEntry("mart_churn_monthly", "months").containsEntry("mart_expansion_monthly", "months");
        assertThat(published.rows("select min(key_value) as month from night_changes where entity = 'months mart_churn_monthly'"))
                .extracting(row -> row.get("month")).containsExactly("2024-01-01");
    }

    /**
     * Delivers again, in {@code subscriptions_correction.csv}, one open September 2024 period the day's delta does not
     * touch, with one more seat and a December 30 {@code updated_at}; returns its id.
     */
    private static String correctOneSeptemberPeriod(Path landing, Path nextDay) throws Exception {
        List<String> lines = Files.readAllLines(landing.resolve("subscriptions.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        Set<String> touched = Files.readAllLines(nextDay.resolve("subscriptions" + DayDelivery.DELTA_SUFFIX)).stream()
                .map(line -> line.split(",")[0]).collect(Collectors.toSet());
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split(",", -1);
            String start = row[header.indexOf("start_date")];
            if (start.compareTo("2024-09-01") >= 0 && start.compareTo("2024-09-20") <= 0 && row[header.indexOf("end_date")].isEmpty()
                    && row[header.indexOf("status")].equals("active") && row[header.indexOf("discount_pct")].equals("0")
                    && !touched.contains(row[0])) {
                int quantity = header.indexOf("quantity");
                row[quantity] = String.valueOf(Integer.parseInt(row[quantity]) + 1);
                row[header.indexOf("updated_at")] = "2024-12-30T06:00:00Z";
                Files.writeString(nextDay.resolve("subscriptions_correction.csv"), lines.get(0) + "\n" + String.join(",", row) + "\n");
                return row[0];
            }
        }
        throw new IllegalStateException("no open period begun on September 1-20, 2024 in " + landing);
    }
}
