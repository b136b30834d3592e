package dev.baton.modeling;

import static dev.baton.modeling.IncrementalNights.auditScopes;
import static dev.baton.modeling.IncrementalNights.changes;
import static dev.baton.modeling.IncrementalNights.deliverSubscriptionS2;
import static dev.baton.modeling.IncrementalNights.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import dev.baton.warehouse.DuckDbFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which rows an incremental night's audits read: the changed accounts' rows still catch a repeated key, and a night
 * after an unaudited version reads all rows.
 */
class IncrementalAuditScopeFunctionalTests {

    @TempDir
    Path workspace;

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
}
