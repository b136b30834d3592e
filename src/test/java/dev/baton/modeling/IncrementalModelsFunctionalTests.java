package dev.baton.modeling;

import static dev.baton.modeling.IncrementalNights.amount;
import static dev.baton.modeling.IncrementalNights.assertSameRows;
import static dev.baton.modeling.IncrementalNights.auditScopes;
import static dev.baton.modeling.IncrementalNights.builds;
import static dev.baton.modeling.IncrementalNights.deliverSubscriptionS2;
import static dev.baton.modeling.IncrementalNights.run;
import static dev.baton.modeling.IncrementalNights.tables;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import dev.baton.bench.DeltaDelivery;
import dev.baton.generate.LandingGenerator;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second night of a month rebuilds only what its deliveries changed, and ends with exactly the tables a whole
 * build of the same landed rows gives. Tickets: IncrementalTicketNightsFunctionalTests; audit scopes:
 * IncrementalAuditScopeFunctionalTests.
 */
class IncrementalModelsFunctionalTests {

    @TempDir
    Path workspace;

    /**
     * The four-accounts scenario (see FiveAccountsScenarioFunctionalTests), then on 2024-04-16 a correction: A1's
     * growth subscription S2 (150/month from 2024-03-05) has 2 seats, so A1 pays 300 from March. By hand:
     * <pre>
     * Bridge   opening   new  expansion contraction churn reactivation fx  closing
     *  Jan           0   330          0           0     0            0  0      330   (unchanged)
     *  Feb         330  1200          0           0     0            0  0     1530   (unchanged)
     *  Mar        1530     0        200          50   180            0 50     1550   (A1 100 -> 300)
     *  Apr        1550     0         50           0     0           90  0     1690
     * </pre>
     */
    @Test
    void aCorrectedSubscriptionRebuildsItsAccountOnly() throws Exception {
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        assertThat(run(landing, warehouse, "2024-04-15")).isZero();
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        // the first night builds everything whole, so what its deliveries changed is not noted
        assertThat(published.count("select * from night_changes")).isZero();
        assertThat(published.count("select * from landed_subscriptions")).isPositive();
        deliverSubscriptionS2(landing.resolve("subscriptions_correction.csv"), 2, "2024-04-16T00:00:00Z");

        assertThat(run(landing, warehouse, "2024-04-16")).isZero();

        List<Map<String, Object>> bridge = published.rows("""
                select cast(month as varchar) as month, expansion, closing_mrr from mart_mrr_bridge order by month""");
        assertThat(bridge).extracting(row -> row.get("month") + " " + amount(row.get("expansion")) + " " + amount(row.get("closing_mrr")))
                .containsExactly("2024-01-01 0 330", "2024-02-01 0 1530", "2024-03-01 200 1550", "2024-04-01 50 1690");
        assertThat(published.rows("select account_id, mrr from fct_mrr_month where month_start = date '2024-04-01' order by account_id"))
                .extracting(row -> row.get("account_id") + " " + amount(row.get("mrr")))
                .containsExactly("A1 300", "A2 90", "A3 1250", "A4 50");

        Map<String, String> builds = builds(published);
        // only A1's subscriptions changed: its rows are rebuilt, the models of other entities are kept
        assertThat(builds).containsEntry("fct_subscription_period", "keys 1")
                .containsEntry("fct_mrr_month", "accounts 1")
                .containsEntry("fct_mrr_movement", "accounts 1")
                .containsEntry("dim_month", "full none")
                .containsEntry("int_fx_rates_at_month_end", "kept")
                .containsEntry("fct_ticket", "kept")
                .containsEntry("fct_deal", "kept")
                .containsEntry("int_product_line_account_month", "accounts 1")
                // sums over every account have no account_id to rebuild by: S2 changed A1's rows from March (it starts on
                // 2024-03-05), so they are rebuilt from March on (recompute_from_month), January and February kept
                .containsEntry("mart_mrr_bridge", "months")
                .containsEntry("bi_mrr_by_segment_month", "months");
        assertThat(published.rows("select key_value from night_changes where entity = 'months fct_mrr_movement' order by key_value"))
                .extracting(row -> row.get("key_value")).containsExactly("2024-03-01", "2024-04-01");
        assertThat(published.rows("select distinct account_id from night_changes where entity not like 'months %'"))
                .extracting(row -> row.get("account_id")).containsExactly("A1");
        // grain audits read only what the night changed; written audits read everything
        assertThat(auditScopes(published)).containsEntry("fct_mrr_month__grain_is_unique", "rows rebuilt tonight")
                .containsEntry("fct_ticket__grain_is_unique", "not run: rows unchanged since the published version passed it")
                .containsEntry("bi_account_mrr__grain_is_unique", "rows rebuilt tonight")
                .containsEntry("mart_mrr_bridge__grain_is_unique", "all rows")
                .containsEntry("fct_mrr_movement__balances_per_account", "all rows");
    }

    @Test
    void theTableOfAModelWhoseFileIsGoneIsNotCarriedToTheNextNight() throws Exception {
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        assertThat(run(landing, warehouse, "2024-04-15", "--project-dir", project.toString())).isZero();
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        assertThat(published.count("select * from duckdb_tables() where table_name = 'mart_owner_scorecard'")).isOne();

        Files.delete(project.resolve("sql/marts/mart_owner_scorecard.sql"));
        Files.delete(project.resolve("sql/marts/mart_owner_scorecard.yml"));
        assertThat(run(landing, warehouse, "2024-04-16", "--project-dir", project.toString())).isZero();

        assertThat(published.count("select * from duckdb_tables() where table_name = 'mart_owner_scorecard'")).isZero();
        assertThat(builds(published)).doesNotContainKey("mart_owner_scorecard").containsEntry("mart_mrr_bridge", "kept");
    }

    /**
     * The job file's plan mapping is part of the fingerprint of the models that read it: unchanged, nothing of it
     * changes (the funnel, whose stage map is also the job file's, is kept); changed, the product lines are rebuilt
     * whole. A1 paid for starter until 2024-03-05 and for growth from then on, so with growth a line of its own A1's
     * line is platform in January and February and growth_line from March.
     */
    @Test
    void aChangedPlanMappingRebuildsTheProductLinesWholeAndAnUnchangedOneNothing() throws Exception {
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        String[] inProject = {"--project-dir", project.toString()};
        assertThat(run(landing, warehouse, "2024-04-15", inProject)).isZero();
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        String a1Lines = "select cast(month_start as varchar) || ' ' || product_line as line from int_product_line_account_month"
                + " where account_id = 'A1' order by month_start";
        assertThat(published.rows(a1Lines)).extracting(row -> row.get("line"))
                .containsExactly("2024-01-01 platform", "2024-02-01 platform", "2024-03-01 platform", "2024-04-01 platform");

        assertThat(run(landing, warehouse, "2024-04-16", inProject)).isZero();
        assertThat(builds(published)).containsEntry("int_product_line_account_month", "kept").containsEntry("mart_funnel", "kept");

        Path job = project.resolve("jobs/nightly.yml");
        Files.writeString(job, Files.readString(job).replace("growth: platform", "growth: growth_line"));
        assertThat(run(landing, warehouse, "2024-04-17", inProject)).isZero();

        assertThat(builds(published)).containsEntry("int_product_line_account_month", "full").containsEntry("mart_funnel", "kept");
        assertThat(published.rows(a1Lines)).extracting(row -> row.get("line"))
                .containsExactly("2024-01-01 platform", "2024-02-01 platform", "2024-03-01 growth_line", "2024-04-01 growth_line");
    }

    @Test
    void incrementalFalseBuildsEverythingWhole() throws Exception {
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        assertThat(run(landing, warehouse, "2024-04-15")).isZero();

        assertThat(run(landing, warehouse, "2024-04-16", "-Dbaton.models.incremental=false")).isZero();

        Map<String, String> builds = builds(new PublishedWarehouse(warehouse));
        assertThat(builds).hasSizeGreaterThan(30);
        assertThat(builds.values()).containsOnly("full");
    }

    @Test
    void aNightOfChangesEndsWithTheTablesAWholeBuildGives() throws Exception {
        Path base = workspace.resolve("base");
        new LandingGenerator(7, 400, YearMonth.of(2023, 1), 24).writeTo(base);
        // two nights before the month's last day: the generated fx rates are dated on month ends, and since the run
        // month is valued on the run date, a night on 12-31 would meet December's new rate, which moves every account
        // paying in a foreign currency and rightly rebuilds the MRR models whole
        LocalDate secondNight = LocalDate.of(2024, 12, 30);
        Path changed = workspace.resolve("changed");
        long changedRows = DeltaDelivery.write(base, changed, secondNight);
        assertThat(changedRows).isPositive();

        Path incremental = workspace.resolve("incremental");
        assertThat(run(base, incremental, "2024-12-29")).isZero();
        assertThat(run(changed, incremental, secondNight.toString())).isZero();
        Path whole = workspace.resolve("whole");
        assertThat(run(changed, whole, secondNight.toString())).isZero();

        Map<String, String> builds = builds(new PublishedWarehouse(incremental));
        long accounts = new PublishedWarehouse(incremental).count("select * from dim_account");
        long rebuiltFor = Long.parseLong(builds.get("fct_mrr_month").replace("accounts ", ""));
        assertThat(rebuiltFor).isPositive().isLessThan(accounts);
        assertThat(builds.get("mart_account_health")).startsWith("accounts ");
        assertThat(builds.get("mart_support_account_month")).startsWith("accounts ");
        assertThat(builds.get("fct_ticket")).startsWith("keys ");

        List<String> tables = tables(whole);
        assertThat(tables).contains("fct_mrr_month", "mart_account_health", "mart_cohort_nrr", "fct_handoff", "bi_account_mrr",
                "bi_mrr_by_segment_month");
        assertSameRows(incremental, whole, tables);
        assertThat(new PublishedWarehouse(whole).count("select * from fct_mrr_month")).isGreaterThan(1000);
    }
}
