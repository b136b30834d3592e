package dev.baton.modeling;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
