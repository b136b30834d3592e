package dev.baton.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An incremental night whose models step fails half-way and is restarted publishes what an uninterrupted night
 * publishes: the restart compares with the published version the build started from, not with the rows the failed
 * attempt already wrote (which would compare equal to themselves, so last night's Parquet would be linked and the
 * audits of the changed tables skipped).
 */
class RestartedModelsFunctionalTests {

    private static final String FAILING = """
            /* model: mart_zz_restart
               grain: one row per deal (deal_id)
               depends_on: fct_deal, fct_subscription_period
            */
            with

            deals as (
                select * from fct_deal
            ),

            periods as (
                select * from fct_subscription_period
            )

            select deals.deal_id, cast('%s' as integer) as periods
            from deals
            cross join (select count(*) as n from periods) as counted
            """;

    @TempDir
    Path workspace;

    /**
     * Night 1 is the four-accounts scenario. Night 2 delivers D1 (A1, 1200 USD) again at 1500 USD and A1's S2 with 2
     * seats (150 -> 300/month from March), and its models step fails in a mart built after fct_deal and
     * fct_subscription_period. The mended mart is restarted. By hand: D1's amount_reporting is 1500.00 (USD is the
     * reporting currency); A1's April MRR is 300 (S2 2 x 150; S1 ended before April, see IncrementalModelsFunctionalTests).
     */
    @Test
    void aRestartedModelsStepPublishesTheTablesItBuiltAndAuditsThem() throws Exception {
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        assertThat(run(project, landing, warehouse, "2024-04-15")).isZero();
        deliverNightTwo(landing);
        Path failing = project.resolve("sql/marts/mart_zz_restart.sql");
        Files.writeString(failing, FAILING.formatted("x"));
        // every published column is described (audit published_columns__have_descriptions)
        Files.writeString(project.resolve("sql/marts/mart_zz_restart.yml"), "columns:\n  deal_id: A deal.\n  periods: A number.\n");

        assertThat(run(project, landing, warehouse, "2024-04-16")).isEqualTo(1);
        Files.writeString(failing, FAILING.formatted("1"));
        assertThat(run(project, landing, warehouse, "2024-04-16")).isZero();

        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        Path parquet = warehouse.resolve("versions/000002-2024-04-16/parquet");
        // the Parquet files hold tonight's rows, as warehouse.duckdb does
        assertThat(published.rows("select amount_reporting from read_parquet('" + parquet.resolve("fct_deal/fct_deal.parquet")
                + "') where deal_id = 'D1'")).extracting(row -> ((BigDecimal) row.get("amount_reporting")).toPlainString())
                .containsExactly("1500.00");
        assertThat(published.rows("select mrr from read_parquet('" + parquet.resolve("fct_mrr_month/**/*.parquet")
                + "', hive_partitioning = true) where account_id = 'A1' and month_start = date '2024-04-01'"))
                .extracting(row -> ((BigDecimal) row.get("mrr")).stripTrailingZeros().toPlainString()).containsExactly("300");
        for (String table : List.of("fct_deal", "fct_subscription_period", "mart_zz_restart")) {
            String file = "read_parquet('" + parquet.resolve(table + "/" + table + ".parquet") + "')";
            assertThat(published.count("(select * from " + table + " except all select * from " + file + ") union all (select * from "
                    + file + " except all select * from " + table + ")")).as(table).isZero();
            assertThat(published.count("select * from " + file)).as(table).isPositive();
        }
        // the rebuilt tables are recorded as changed, and their grain audits read what changed, as in an uninterrupted night
        Map<String, String> builds = published.rows("select model, build, changed from model_builds").stream()
                .collect(Collectors.toMap(row -> (String) row.get("model"), row -> row.get("build") + " " + row.get("changed")));
        assertThat(builds).containsEntry("fct_deal", "keys accounts").containsEntry("fct_subscription_period", "keys accounts")
                .containsEntry("mart_zz_restart", "full all");
        Path clean = workspace.resolve("uninterrupted");
        Path cleanLanding = Scenarios.copy("four_accounts", workspace.resolve("clean-landing"));
        assertThat(run(project, cleanLanding, clean, "2024-04-15")).isZero();
        deliverNightTwo(cleanLanding);
        assertThat(run(project, cleanLanding, clean, "2024-04-16")).isZero();
        Map<String, String> scopes = auditScopes(published);
        assertThat(scopes).isEqualTo(auditScopes(new PublishedWarehouse(clean)))
                .containsEntry("fct_deal__grain_is_unique", "rows rebuilt tonight")
                .containsEntry("fct_subscription_period__grain_is_unique", "rows rebuilt tonight");
        // and the bookkeeping of the restart is not published
        assertThat(published.count("select * from duckdb_tables() where table_name = 'model_build_steps'")).isZero();
    }

    private static void deliverNightTwo(Path landing) throws Exception {
        Files.writeString(landing.resolve("deals_correction.csv"), """
                deal_id,account_id,deal_name,deal_type,stage,amount,currency,created_at,closed_at,is_won,owner,lead_source,updated_at
                D1,A1,Acme starter,new_business,closed_won,1500.00,USD,2024-01-02T09:00:00Z,2024-01-08T08:00:00Z,true,Dana Reyes,inbound,2024-04-16T00:00:00Z
                """);
        Files.writeString(landing.resolve("subscriptions_correction.csv"), """
                subscription_id,account_id,plan,quantity,amount,currency,billing_period_months,discount_pct,start_date,end_date,status,updated_at
                S2,A1,growth,2,150.00,USD,1,0,2024-03-05,,active,2024-04-16T00:00:00Z
                """);
    }

    private static Map<String, String> auditScopes(PublishedWarehouse published) {
        return published.rows("select audit_name, scope from audit_results").stream()
                .collect(Collectors.toMap(row -> (String) row.get("audit_name"), row -> (String) row.get("scope")));
    }

    private static int run(Path project, Path landing, Path warehouse, String runDate) {
        return BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(), "--project-dir",
                project.toString(), "--run-date", runDate, "-Dbaton.extract.max-quarantined-share=0.5");
    }
}
