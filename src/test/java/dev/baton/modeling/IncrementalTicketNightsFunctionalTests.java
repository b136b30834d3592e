package dev.baton.modeling;

import static dev.baton.modeling.IncrementalNights.auditScopes;
import static dev.baton.modeling.IncrementalNights.changes;
import static dev.baton.modeling.IncrementalNights.csatOfT1;
import static dev.baton.modeling.IncrementalNights.deliverTicketT1;
import static dev.baton.modeling.IncrementalNights.januarySupport;
import static dev.baton.modeling.IncrementalNights.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nights that deliver a ticket again: unchanged, with a new CSAT, moved to another account, or across a rollback.
 */
class IncrementalTicketNightsFunctionalTests {

    @TempDir
    Path workspace;

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
        // a table whose rows did not change keeps last night's Parquet file: the funnel too, whose stage map (the job
        // file's, unchanged) used to rebuild it whole every night and write it again; a changed table is written again
        // (fct_ticket on the next night, below)
        Path lastParquet = warehouse.resolve("versions/000001-2024-04-15/parquet");
        Path parquet = warehouse.resolve("versions/000002-2024-04-16/parquet");
        assertThat(Files.isSameFile(parquet.resolve("fct_ticket/fct_ticket.parquet"), lastParquet.resolve("fct_ticket/fct_ticket.parquet"))).isTrue();
        assertThat(Files.isSameFile(parquet.resolve("mart_funnel/mart_funnel.parquet"), lastParquet.resolve("mart_funnel/mart_funnel.parquet"))).isTrue();
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
}
