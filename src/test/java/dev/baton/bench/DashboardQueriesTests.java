package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import dev.baton.bench.DashboardQueries.NamedQuery;
import org.junit.jupiter.api.Test;

class DashboardQueriesTests {

    @Test
    void eachNameLineStartsAQueryThatRunsToTheNextAndTheCommentsBeforeTheFirstAreSkipped() {
        // given
        String text = "-- what the file is\n\n-- name: first\nselect 1\nfrom a;\n\n-- name: second\n-- why it matters\nselect 2\n";

        // when
        List<NamedQuery> queries = DashboardQueries.parse(text);

        // then
        assertThat(queries).containsExactly(new NamedQuery("first", "select 1\nfrom a"),
                new NamedQuery("second", "-- why it matters\nselect 2"));
    }

    @Test
    void aRepeatedNameOrAnEmptyQueryIsRefused() {
        assertThatThrownBy(() -> DashboardQueries.parse("-- name: a\nselect 1\n-- name: a\nselect 2\n"))
                .hasMessageContaining("unique name").hasMessageContaining("'a'");
        assertThatThrownBy(() -> DashboardQueries.parse("-- name: a\n\n-- name: b\nselect 2\n")).hasMessageContaining("'a'");
    }

    @Test
    void theShippedSetHasEveryBiViewAndTheFourDashboardQueries() {
        // when
        String all = String.join("\n", DashboardQueries.load().stream().map(NamedQuery::sql).toList());

        // then
        assertThat(all).contains("from bi_account_mrr", "from bi_retention_monthly", "from bi_unit_economics",
                "from bi_cohort_retention", "from bi_revenue_bridge", "from bi_account_health_latest", "from bi_mrr_by_segment_month",
                "from mart_owner_scorecard");
    }
}
