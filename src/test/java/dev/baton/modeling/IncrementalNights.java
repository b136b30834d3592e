package dev.baton.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;

/**
 * What the incremental-night tests share: running a night through the CLI, the deliveries they land on the
 * four-accounts scenario, and how they read what a night built and audited.
 */
final class IncrementalNights {

    private IncrementalNights() {
    }

    static int run(Path landing, Path warehouse, String runDate, String... settings) {
        List<String> args = new ArrayList<>(List.of("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--run-date", runDate, "-Dbaton.extract.max-quarantined-share=0.5"));
        args.addAll(List.of(settings));
        return BatonCli.execute(args.toArray(String[]::new));
    }

    static String amount(Object value) {
        return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
    }

    /** How each model was built: "kept", "accounts N" (rebuilt for N changed accounts), "full", or "full none" when a
     * whole rebuild compared equal to last night's table. */
    static Map<String, String> builds(PublishedWarehouse published) {
        return published.rows("select model, build, changed, accounts from model_builds").stream().collect(Collectors.toMap(
                row -> (String) row.get("model"),
                row -> row.get("build") + (row.get("accounts") == null ? "" : " " + row.get("accounts"))
                        + (row.get("build").equals("full") && row.get("changed").equals("none") ? " none" : "")));
    }

    /** The four-accounts scenario's subscription S2 (A1's growth plan, 150/month from 2024-03-05) with this many seats. */
    static void deliverSubscriptionS2(Path file, int seats, String updatedAt) throws Exception {
        Files.writeString(file, """
                subscription_id,account_id,plan,quantity,amount,currency,billing_period_months,discount_pct,start_date,end_date,status,updated_at
                S2,A1,growth,%d,150.00,USD,1,0,2024-03-05,,active,%s
                """.formatted(seats, updatedAt));
    }

    /** The four-accounts scenario's ticket T1 (A1, solved 2024-01-13) delivered again with this account and CSAT. */
    static void deliverTicketT1(Path file, String account, int csat, String updatedAt) throws Exception {
        Files.writeString(file, """
                ticket_id,account_id,created_at,first_response_at,solved_at,status,priority,channel,csat_score,requester_email,updated_at
                T1,%s,2024-01-12T10:00:00Z,2024-01-12T12:30:00Z,2024-01-13T10:00:00Z,solved,normal,email,%d,jo.smith@acme.example,%s
                """.formatted(account, csat, updatedAt));
    }

    /** Each account's January 2024 support row: tickets opened and average CSAT. */
    static List<String> januarySupport(PublishedWarehouse published) {
        return published.rows("select account_id, tickets_opened, csat_avg from mart_support_account_month"
                + " where month_start = date '2024-01-01' order by account_id").stream()
                .map(row -> row.get("account_id") + " " + row.get("tickets_opened") + " " + row.get("csat_avg")).toList();
    }

    static int csatOfT1(PublishedWarehouse published, Path ticketParquet) {
        return ((Number) published.row("select csat_score from read_parquet('" + ticketParquet + "') where ticket_id = 'T1'")
                .get("csat_score")).intValue();
    }

    static Map<String, String> auditScopes(PublishedWarehouse published) {
        return published.rows("select audit_name, scope from audit_results").stream()
                .collect(Collectors.toMap(row -> (String) row.get("audit_name"), row -> (String) row.get("scope")));
    }

    /** How each model was built, for how many accounts, and what that changed. */
    static Map<String, String> changes(PublishedWarehouse published) {
        return published.rows("select model, build, changed, accounts from model_builds").stream().collect(Collectors.toMap(
                row -> (String) row.get("model"),
                row -> row.get("build") + (row.get("accounts") == null ? "" : " " + row.get("accounts")) + " " + row.get("changed")));
    }

    /** The model tables of a warehouse, by name. */
    static List<String> tables(Path warehouse) {
        List<String> tables = new ArrayList<>();
        new PublishedWarehouse(warehouse).rows("select model from model_builds where model in"
                + " (select table_name from duckdb_tables()) order by model").forEach(row -> tables.add((String) row.get("model")));
        return tables;
    }

    /** Each of these tables has the same rows (as a multiset) in the two published warehouses. */
    static void assertSameRows(Path incremental, Path whole, List<String> tables) throws Exception {
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
        }
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
