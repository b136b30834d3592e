package dev.baton.sqlserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import dev.baton.sqlserver.SqlUsers.SqlUser;
import org.junit.jupiter.api.Test;

class StatementPolicyTests {

    @Test
    void oneReadingStatementPasses() {
        for (String sql : List.of("select 1", "SELECT ';' as semicolon;", "select 1 -- a comment; drop\n", "/* x; */ select 1",
                "with m as (select 1) select * from m", "(select 1) union all (select 2)", "describe bi_revenue_bridge",
                "show tables", "explain analyze select 1", "select \"a;b\" from (select 1 as \"a;b\")", "select 'it''s; fine'")) {
            assertThat(StatementPolicy.refusal(sql)).as(sql).isNull();
        }
    }

    @Test
    void everythingElseIsRefusedWithItsReason() {
        assertThat(StatementPolicy.refusal("select 1; select 2")).startsWith("one statement per request");
        assertThat(StatementPolicy.refusal("select 1;\ndelete from t")).startsWith("one statement per request");
        assertThat(StatementPolicy.refusal("pragma version")).endsWith("not PRAGMA");
        assertThat(StatementPolicy.refusal("  update t set a = 1")).endsWith("not UPDATE");
        assertThat(StatementPolicy.refusal("explain copy t to 'x.csv'")).startsWith("EXPLAIN only of a SELECT");
        // quoting the mask does not model is refused outright: E'\'' would hide the ';' that follows from it
        assertThat(StatementPolicy.refusal("select E'\\''; delete from t; select ''")).startsWith("escape strings");
        assertThat(StatementPolicy.refusal("select $$;$$")).startsWith("escape strings");
        assertThat(StatementPolicy.refusal("  ")).isEqualTo("empty statement");
    }

    @Test
    void explainedIsTheQueryAfterExplain() {
        assertThat(StatementPolicy.explained("EXPLAIN ANALYZE  select * from stg_accounts")).isEqualTo("select * from stg_accounts");
        assertThat(StatementPolicy.explained("explain select 1")).isEqualTo("select 1");
        assertThat(StatementPolicy.explained("select 1")).isEqualTo("select 1");
    }

    @Test
    void tablePatternsMatchWholeNamesCaseInsensitively() {
        SqlUser dashboards = new SqlUser("d", "hash", List.of("bi_*", "mart_*"));
        assertThat(dashboards.mayRead("bi_revenue_bridge")).isTrue();
        assertThat(dashboards.mayRead("MART_MRR_BRIDGE")).isTrue();
        assertThat(dashboards.mayRead("stg_accounts")).isFalse();
        assertThat(dashboards.mayRead("xbi_revenue")).isFalse();
        assertThat(dashboards.readsEverything()).isFalse();
        assertThat(new SqlUser("a", "hash", List.of("*")).mayRead("stg_accounts")).isTrue();
        assertThat(new SqlUser("o", "hash", List.of("dim_account")).mayRead("dim_account_x")).isFalse();
    }
}
