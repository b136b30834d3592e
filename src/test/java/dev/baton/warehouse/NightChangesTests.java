package dev.baton.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.baton.warehouse.NightChanges.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The night's changes through their one class, on the build file's own table definitions (V5 and V7). */
class NightChangesTests {

    private Connection connection;
    private NightChanges changes;

    @BeforeEach
    void open() throws Exception {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table night_changes (entity varchar not null, account_id varchar, key_name varchar, key_value varchar)");
            statement.execute("create table model_builds (model varchar not null, fingerprint varchar not null, run_date date not null,"
                    + " build varchar not null, changed varchar not null, accounts bigint, seconds double not null)");
        }
        changes = NightChanges.on(connection);
    }

    @AfterEach
    void close() throws Exception {
        connection.close();
    }

    @Test
    void sourcesNameLandedEntitiesModelsAndTheIdentityMap() {
        assertThat(Source.ofInput("landed_tickets")).isEqualTo(Source.landed("tickets"));
        assertThat(Source.ofInput("landed_tickets").entity()).isEqualTo("tickets");
        assertThat(Source.ofInput("fct_mrr_month").entity()).isEqualTo("model fct_mrr_month");
        assertThat(Source.IDENTITY_MAP.entity()).isEqualTo("identity_map");
        assertThatThrownBy(() -> Source.landed("tickets; drop table x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEarliestChangedMonthIsKnownOnlyWhenEverySourceNotedItsMonths() throws Exception {
        Source health = Source.months("mart_account_health");
        Source accounts = Source.months("dim_account");
        Source deals = Source.months("fct_deal");
        changes.noteMonths(health, "select * from (values (date '2024-12-01'), (date '2024-10-01'), (date '2024-12-01')) as m(d)");
        // rows that changed but belong to no month (a cohort month empty before and after)
        changes.noteMonths(accounts, "select cast(null as date)");
        // a select that returns no rows notes nothing
        changes.noteMonths(deals, "select date '2024-01-01' where false");

        assertThat(changes.earliestMonth(List.of(health))).isEqualTo(LocalDate.of(2024, 10, 1));
        assertThat(changes.earliestMonth(List.of(health, accounts))).isEqualTo(LocalDate.of(2024, 10, 1));
        assertThat(changes.earliestMonth(List.of(accounts))).isEqualTo(NightChanges.NO_MONTH);
        assertThat(changes.earliestMonth(List.of(health, deals))).isNull();
        assertThat(changes.earliestMonth(List.of())).isNull();
        // the months are their own entity: the model's accounts and keys read as before
        assertThat(changes.sources()).containsExactlyInAnyOrder(health, accounts);
        assertThat(rows("select key_value from night_changes where entity = 'months mart_account_health' order by 1"))
                .containsExactly("2024-10-01", "2024-12-01");
    }

    @Test
    void notesAreWantedOnlyOnceAModelWasBuilt() throws Exception {
        assertThat(changes.wanted()).isFalse();
        execute("insert into model_builds values ('fct_deal', 'f', date '2024-06-30', 'full', 'all', null, 1.0)");
        assertThat(changes.wanted()).isTrue();
    }

    @Test
    void accountsAndKeysAreNotedOncePerSourceAndReadBackBySource() throws Exception {
        execute("create table delivered as select * from (values ('a1', '7'), ('a1', '7'), ('a2', '8')) as t(account_id, ticket_id)");
        changes.noteKeys(Source.landed("tickets"), "select account_id, 'ticket_id', ticket_id from delivered");
        int noted = changes.noteAccounts(Source.model("fct_ticket"), "select account_id from delivered where account_id = ?", "a2");

        assertThat(noted).isEqualTo(1);
        assertThat(rows(NightChanges.changesOf(List.of(Source.landed("tickets")))))
                .containsExactlyInAnyOrder("a1|ticket_id|7", "a2|ticket_id|8");
        assertThat(rows(NightChanges.accountsOf(List.of(Source.landed("tickets"), Source.model("fct_ticket")))))
                .containsExactlyInAnyOrder("a1", "a2");
        assertThat(rows(NightChanges.keysOf(List.of(Source.landed("tickets"))))).containsExactlyInAnyOrder("7", "8");
        assertThat(changes.keyedBy(List.of(Source.landed("tickets")), "ticket_id")).isTrue();
        assertThat(changes.keyedBy(List.of(Source.landed("tickets"), Source.model("fct_ticket")), "ticket_id")).isFalse();
        assertThat(changes.sources()).containsExactlyInAnyOrder(Source.landed("tickets"), Source.model("fct_ticket"));
    }

    @Test
    void aWholeChangeIsNotedOnceAndOnlyWhenSomethingChanged() throws Exception {
        changes.noteWholeIfAny(Source.landed("fx_rates"), "select 1 where false");
        assertThat(changes.sources()).isEmpty();

        changes.noteWholeIfAny(Source.landed("fx_rates"), "select 1 from range(3)");
        assertThat(rows("select entity from night_changes")).containsExactly("fx_rates");
        assertThat(changes.anyBesides(Source.IDENTITY_MAP)).isTrue();
        assertThat(changes.anyBesides(Source.landed("fx_rates"))).isFalse();
    }

    @Test
    void forgettingASourceLeavesTheOthers() throws Exception {
        changes.noteWhole(Source.IDENTITY_MAP);
        changes.noteWhole(Source.landed("spend"));
        changes.forget(List.of(Source.IDENTITY_MAP));
        changes.forget(List.of());

        assertThat(changes.sources()).containsExactly(Source.landed("spend"));
    }

    private void execute(String sql) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private List<String> rows(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(result.getString(i));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }
}
