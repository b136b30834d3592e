package dev.baton.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.baton.bench.DeltaDelivery;
import dev.baton.cli.BatonCli;
import dev.baton.generate.LandingGenerator;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import dev.baton.warehouse.DuckDbFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second night of a month rebuilds only what its deliveries changed, and ends with exactly the tables a whole
 * build of the same landed rows gives.
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
                .containsEntry("mart_mrr_bridge", "full");
        assertThat(published.rows("select distinct account_id from night_changes"))
                .extracting(row -> row.get("account_id")).containsExactly("A1");
        // grain audits read only what the night changed; written audits read everything
        assertThat(auditScopes(published)).containsEntry("fct_mrr_month__grain_is_unique", "rows rebuilt tonight")
                .containsEntry("fct_ticket__grain_is_unique", "not run: rows unchanged since the published version passed it")
                .containsEntry("bi_account_mrr__grain_is_unique", "rows rebuilt tonight")
                .containsEntry("mart_mrr_bridge__grain_is_unique", "all rows")
                .containsEntry("fct_mrr_movement__balances_per_account", "all rows");
    }

    /**
     * A grain audit that reads only the rows rebuilt tonight still fails on a key repeated within one of them.
     * The added model lists an account twice once a subscription of it has 7 seats, which only A1's correction gives.
     */
    @Test
    void anAuditOfTheChangedAccountsFindsAKeyTheyRepeat() throws Exception {
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Files.writeString(project.resolve("sql/marts/mart_seat_repeats.sql"), """
                /* model: mart_seat_repeats
                   grain: one row per account with subscriptions (account_id)
                   depends_on: fct_subscription_period
                   incremental_by: account_id
                */
                with

                periods as (
                    select * from fct_subscription_period
                )

                select distinct account_id from periods
                union all
                select account_id from periods where quantity = 7
                """);
        // every published column is described (audit published_columns__have_descriptions)
        Files.writeString(project.resolve("sql/marts/mart_seat_repeats.yml"), "columns:\n  account_id: An account with subscriptions.\n");
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        assertThat(run(landing, warehouse, "2024-04-15", "--project-dir", project.toString())).isZero();
        deliverSubscriptionS2(landing.resolve("subscriptions_correction.csv"), 7, "2024-04-16T00:00:00Z");

        assertThat(run(landing, warehouse, "2024-04-16", "--project-dir", project.toString())).isEqualTo(1);

        // read-only: DuckDB refuses that next to a read-write connection, so this also shows the failed run let go of
        // its build file
        try (Connection build = DuckDbFiles.openReadOnly(warehouse.resolve("build/nightly-2024-04-16.duckdb"));
                Statement statement = build.createStatement();
                ResultSet audit = statement.executeQuery("select scope, failing_rows from audit_results"
                        + " where audit_name = 'mart_seat_repeats__grain_is_unique'")) {
            assertThat(audit.next()).isTrue();
            assertThat(audit.getString("scope")).isEqualTo("rows rebuilt tonight");
            assertThat(audit.getLong("failing_rows")).isOne();
        }
    }

    /** A version published by a job without audits gives the next audited night nothing to lean on: it reads all rows. */
    @Test
    void aNightAfterAnUnauditedVersionAuditsAllRows() throws Exception {
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        String nightly = Files.readString(project.resolve("jobs/nightly.yml"));
        String unaudited = nightly.replace("name: nightly", "name: unaudited").replace("  - name: run-audits\n    kind: audits\n", "");
        assertThat(unaudited).doesNotContain("kind: audits");
        Files.writeString(project.resolve("jobs/unaudited.yml"), unaudited);
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        assertThat(run(landing, warehouse, "2024-04-15", "--project-dir", project.toString())).isZero();
        deliverSubscriptionS2(landing.resolve("subscriptions_correction.csv"), 2, "2024-04-16T00:00:00Z");
        assertThat(run(landing, warehouse, "2024-04-16", "--project-dir", project.toString(), "--job", "unaudited")).isZero();
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        assertThat(published.count("select * from audit_results")).isZero();
        assertThat(changes(published)).containsEntry("fct_mrr_month", "accounts 1 accounts");
        deliverSubscriptionS2(landing.resolve("subscriptions_correction_2.csv"), 3, "2024-04-17T00:00:00Z");

        assertThat(run(landing, warehouse, "2024-04-17", "--project-dir", project.toString())).isZero();

        assertThat(changes(published)).containsEntry("fct_mrr_month", "accounts 1 accounts").containsEntry("fct_ticket", "kept none");
        assertThat(auditScopes(published)).hasSizeGreaterThan(30).values().containsOnly("all rows");
    }

    /**
     * A ticket delivered again with only a newer updated_at (a helpdesk bumps it for edits outside the contract)
     * rebuilds its account's ticket facts, which come out the same, so nothing downstream is rebuilt. The next night
     * its CSAT changes from 5 to 3: A1's January support row (T1 was solved on 2024-01-13) is rebuilt and shows 3.
     */
    @Test
    void aTicketSentAgainUnchangedStopsAtTheTicketFacts() throws Exception {
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        assertThat(run(landing, warehouse, "2024-04-15")).isZero();
        deliverTicketT1(landing.resolve("tickets_again.csv"), "A1", 5, "2024-04-16T00:00:00Z");

        assertThat(run(landing, warehouse, "2024-04-16")).isZero();

        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        assertThat(auditScopes(published)).containsEntry("stg_tickets__grain_is_unique", "rows rebuilt tonight")
                .containsEntry("fct_ticket__grain_is_unique", "not run: rows unchanged since the published version passed it");
        assertThat(changes(published)).containsEntry("stg_tickets", "keys 1 accounts").containsEntry("fct_ticket", "keys 1 none")
                .containsEntry("mart_support_account_month", "kept none")
                .containsEntry("mart_account_health", "kept none")
                .containsEntry("mart_support_before_churn", "kept none");
        // a table whose rows did not change keeps last night's Parquet file; one rebuilt whole is written again
        Path lastParquet = warehouse.resolve("versions/000001-2024-04-15/parquet");
        Path parquet = warehouse.resolve("versions/000002-2024-04-16/parquet");
        assertThat(Files.isSameFile(parquet.resolve("fct_ticket/fct_ticket.parquet"), lastParquet.resolve("fct_ticket/fct_ticket.parquet"))).isTrue();
        assertThat(Files.isSameFile(parquet.resolve("mart_funnel/mart_funnel.parquet"), lastParquet.resolve("mart_funnel/mart_funnel.parquet"))).isFalse();
        assertThat(published.count("select * from read_parquet('" + parquet.resolve("fct_ticket/fct_ticket.parquet") + "')"))
                .isEqualTo(published.count("select * from fct_ticket")).isPositive();

        deliverTicketT1(landing.resolve("tickets_csat.csv"), "A1", 3, "2024-04-17T00:00:00Z");

        assertThat(run(landing, warehouse, "2024-04-17")).isZero();

        assertThat(changes(published)).containsEntry("fct_ticket", "keys 1 accounts")
                .containsEntry("mart_support_account_month", "accounts 1 accounts")
                .containsEntry("fct_mrr_month", "kept none");
        Path nextParquet = warehouse.resolve("versions/000003-2024-04-17/parquet");
        assertThat(Files.isSameFile(nextParquet.resolve("fct_ticket/fct_ticket.parquet"), parquet.resolve("fct_ticket/fct_ticket.parquet"))).isFalse();
        assertThat(csatOfT1(published, nextParquet.resolve("fct_ticket/fct_ticket.parquet"))).isEqualTo(3);
        assertThat(published.rows("select csat_avg from mart_support_account_month where account_id = 'A1' and month_start = date '2024-01-01'"))
                .extracting(row -> ((Number) row.get("csat_avg")).doubleValue()).containsExactly(3.0);
    }

    /**
     * T1, the scenario's one valid ticket (opened 2024-01-12 by A1, CSAT 5), moves to A2. Rebuilt by its key, it
     * still names both accounts as changed: A1's January loses the ticket and A2's gains it.
     */
    @Test
    void aTicketMovedToAnotherAccountRebuildsTheSupportOfBoth() throws Exception {
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        assertThat(run(landing, warehouse, "2024-04-15")).isZero();
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        assertThat(januarySupport(published)).containsExactly("A1 1 5.0", "A2 0 null", "A4 0 null");
        deliverTicketT1(landing.resolve("tickets_moved.csv"), "A2", 5, "2024-04-16T00:00:00Z");

        assertThat(run(landing, warehouse, "2024-04-16")).isZero();

        assertThat(changes(published)).containsEntry("fct_ticket", "keys 1 accounts")
                .containsEntry("mart_support_account_month", "accounts 2 accounts");
        assertThat(januarySupport(published)).containsExactly("A1 0 null", "A2 1 5.0", "A4 0 null");
        assertThat(published.rows("select account_id from fct_ticket")).extracting(row -> row.get("account_id")).containsExactly("A2");
    }

    /**
     * A night that fails after its models and is published only after a rollback must not take the rolled-back-to
     * version's Parquet for the tables it found unchanged: it found them unchanged against the version it started from.
     */
    @Test
    void aRollbackDuringARunKeepsTheOlderVersionsParquetOutOfTheNewOne() throws Exception {
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        assertThat(run(landing, warehouse, "2024-04-15", "--project-dir", project.toString())).isZero();
        deliverTicketT1(landing.resolve("tickets_csat.csv"), "A1", 3, "2024-04-16T00:00:00Z");
        assertThat(run(landing, warehouse, "2024-04-16", "--project-dir", project.toString())).isZero();
        deliverTicketT1(landing.resolve("tickets_again.csv"), "A1", 3, "2024-04-17T00:00:00Z");
        Path failingAudit = project.resolve("sql/audits/zz_always_fails.sql");
        Files.writeString(failingAudit, "select 1 as always\n");
        assertThat(run(landing, warehouse, "2024-04-17", "--project-dir", project.toString())).isEqualTo(1);

        assertThat(BatonCli.execute("publish", "--rollback", "--warehouse", warehouse.toString())).isZero();
        Files.delete(failingAudit);
        assertThat(run(landing, warehouse, "2024-04-17", "--project-dir", project.toString())).isZero();

        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        assertThat(changes(published)).containsEntry("stg_tickets", "keys 1 accounts").containsEntry("fct_ticket", "keys 1 none");
        // nor may its audits lean on the version published now: it is not the one the build started from
        assertThat(auditScopes(published)).hasSizeGreaterThan(30).values().containsOnly("all rows");
        Path ticketFile = warehouse.resolve("versions/000003-2024-04-17/parquet/fct_ticket/fct_ticket.parquet");
        assertThat(Files.isSameFile(ticketFile, warehouse.resolve("versions/000001-2024-04-15/parquet/fct_ticket/fct_ticket.parquet")))
                .isFalse();
        assertThat(csatOfT1(published, ticketFile)).isEqualTo(3);
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
        assertThat(tables).contains("fct_mrr_month", "mart_account_health", "mart_cohort_nrr", "fct_handoff");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("attach '" + incremental.resolve("warehouse.duckdb") + "' as incremental (read_only)");
            statement.execute("attach '" + whole.resolve("warehouse.duckdb") + "' as whole (read_only)");
            for (String table : tables) {
                long rows = count(statement, "select count(*) from whole.main." + table);
                String incrementalRows = comparable(statement, "incremental", table);
                String wholeRows = comparable(statement, "whole", table);
                long differing = count(statement, "select count(*) from (select * from (" + incrementalRows + " except all " + wholeRows
                        + ") union all select * from (" + wholeRows + " except all " + incrementalRows + "))");
                assertThat(differing).as("rows of %s (%d rows) that differ from a whole build", table, rows).isZero();
            }
            assertThat(count(statement, "select count(*) from whole.main.fct_mrr_month")).isGreaterThan(1000);
        }
    }

    private static int run(Path landing, Path warehouse, String runDate, String... settings) {
        List<String> args = new ArrayList<>(List.of("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--run-date", runDate, "-Dbaton.extract.max-quarantined-share=0.5"));
        args.addAll(List.of(settings));
        return BatonCli.execute(args.toArray(String[]::new));
    }

    private static String amount(Object value) {
        return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
    }

    /** How each model was built: "kept", "accounts N" (rebuilt for N changed accounts), "full", or "full none" when a
     * whole rebuild compared equal to last night's table. */
    private static Map<String, String> builds(PublishedWarehouse published) {
        return published.rows("select model, build, changed, accounts from model_builds").stream().collect(Collectors.toMap(
                row -> (String) row.get("model"),
                row -> row.get("build") + (row.get("accounts") == null ? "" : " " + row.get("accounts"))
                        + (row.get("build").equals("full") && row.get("changed").equals("none") ? " none" : "")));
    }

    /** The four-accounts scenario's subscription S2 (A1's growth plan, 150/month from 2024-03-05) with this many seats. */
    private static void deliverSubscriptionS2(Path file, int seats, String updatedAt) throws Exception {
        Files.writeString(file, """
                subscription_id,account_id,plan,quantity,amount,currency,billing_period_months,discount_pct,start_date,end_date,status,updated_at
                S2,A1,growth,%d,150.00,USD,1,0,2024-03-05,,active,%s
                """.formatted(seats, updatedAt));
    }

    /** The four-accounts scenario's ticket T1 (A1, solved 2024-01-13) delivered again with this account and CSAT. */
    private static void deliverTicketT1(Path file, String account, int csat, String updatedAt) throws Exception {
        Files.writeString(file, """
                ticket_id,account_id,created_at,first_response_at,solved_at,status,priority,channel,csat_score,requester_email,updated_at
                T1,%s,2024-01-12T10:00:00Z,2024-01-12T12:30:00Z,2024-01-13T10:00:00Z,solved,normal,email,%d,jo.smith@acme.example,%s
                """.formatted(account, csat, updatedAt));
    }

    /** Each account's January 2024 support row: tickets opened and average CSAT. */
    private static List<String> januarySupport(PublishedWarehouse published) {
        return published.rows("select account_id, tickets_opened, csat_avg from mart_support_account_month"
                + " where month_start = date '2024-01-01' order by account_id").stream()
                .map(row -> row.get("account_id") + " " + row.get("tickets_opened") + " " + row.get("csat_avg")).toList();
    }

    private static int csatOfT1(PublishedWarehouse published, Path ticketParquet) {
        return ((Number) published.row("select csat_score from read_parquet('" + ticketParquet + "') where ticket_id = 'T1'")
                .get("csat_score")).intValue();
    }

    private static Map<String, String> auditScopes(PublishedWarehouse published) {
        return published.rows("select audit_name, scope from audit_results").stream()
                .collect(Collectors.toMap(row -> (String) row.get("audit_name"), row -> (String) row.get("scope")));
    }

    /** How each model was built, for how many accounts, and what that changed. */
    private static Map<String, String> changes(PublishedWarehouse published) {
        return published.rows("select model, build, changed, accounts from model_builds").stream().collect(Collectors.toMap(
                row -> (String) row.get("model"),
                row -> row.get("build") + (row.get("accounts") == null ? "" : " " + row.get("accounts")) + " " + row.get("changed")));
    }

    private static List<String> tables(Path warehouse) {
        List<String> tables = new ArrayList<>();
        new PublishedWarehouse(warehouse).rows("select model from model_builds where model in"
                + " (select table_name from duckdb_tables()) order by model").forEach(row -> tables.add((String) row.get("model")));
        return tables;
    }

    /**
     * The table's rows with doubles rounded to 9 places: an average of doubles depends on the order rows are summed
     * in, which differs once some accounts' rows were deleted and inserted again. Decimals (money) compare exactly.
     */
    private static String comparable(Statement statement, String database, String table) throws Exception {
        List<String> columns = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("select column_name, data_type from duckdb_columns() where database_name = '"
                + database + "' and schema_name = 'main' and table_name = '" + table + "' order by column_index")) {
            while (rows.next()) {
                String column = '"' + rows.getString(1) + '"';
                columns.add(rows.getString(2).equals("DOUBLE") ? "round(" + column + ", 9) as " + column : column);
            }
        }
        return "select " + String.join(", ", columns) + " from " + database + ".main." + table;
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
