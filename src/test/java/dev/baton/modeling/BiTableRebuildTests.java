package dev.baton.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** A bi model built whole as its header says: a sorted table, or a view, replacing last night's other kind. */
class BiTableRebuildTests {

    private static final String SQL = "select account_id, month from fct_a";

    @Test
    void aSortedBiTableReplacesLastNightsViewWithItsRowsInOrderAndBack() throws SQLException {
        try (Connection connection = ModelTestSchema.openInMemory(); Statement statement = connection.createStatement()) {
            // given fct_a inserted out of order, and last night's bi_x a view
            statement.execute("create table fct_a as select * from (values ('B', date '2024-02-01'), ('A', date '2024-02-01'),"
                    + " ('B', date '2024-01-01'), ('A', date '2024-01-01')) as t(account_id, month)");
            statement.execute("create view bi_x as " + SQL);
            BuildSql sql = new BuildSql(connection);
            PartialRebuild rebuilds = new PartialRebuild(sql, BuildLedger.on(connection), Set.of(), Map.of());

            // when it is built as a table sorted by month, account_id
            rebuilds.rebuild(new Model("bi_x", "bi", "one row per account and month (account_id, month)", List.of("account_id", "month"),
                    List.of("fct_a"), SQL, "", true, List.of("month", "account_id")));

            // then the table holds the rows in that order (rowid is the storage order)
            assertThat(sql.strings("select table_name from duckdb_tables() where table_name = 'bi_x'")).containsExactly("bi_x");
            assertThat(sql.strings("select account_id || ' ' || month from bi_x order by rowid"))
                    .containsExactly("A 2024-01-01", "B 2024-01-01", "A 2024-02-01", "B 2024-02-01");

            // when the header goes back to a view
            rebuilds.rebuild(new Model("bi_x", "bi", "one row per account and month (account_id, month)", List.of("account_id", "month"),
                    List.of("fct_a"), SQL, ""));

            // then the table made way for the view
            assertThat(sql.strings("select table_name from duckdb_tables() where table_name = 'bi_x'")).isEmpty();
            assertThat(sql.strings("select view_name from duckdb_views() where view_name = 'bi_x'")).containsExactly("bi_x");
        }
    }
}
