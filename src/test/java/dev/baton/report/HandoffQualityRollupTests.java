package dev.baton.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * mart_handoff_quality_owner_month gives the same bytes whatever order its rows are added in: a sum of doubles does
 * not, so the 16th digit of an average moved between identical runs with the order the rows happened to be added in.
 */
class HandoffQualityRollupTests {

    @Test
    void theAveragesAreExactWhateverTheOrderOfTheRows() throws Exception {
        // six won deals of one owner in January, completeness 0.1, 0.7, 0.2, 0.3, 0.9, 0.6 and 1 to 6 days to hand-off:
        // by hand, avg completeness = 2.8 / 6 and avg days = 21 / 6 = 3.5. As doubles added in these two orders the
        // scores sum to 2.8000000000000003 and to 2.8 (averages 0.46666666666666673 and 0.4666666666666666)
        List<Double> oneOrder = averages("(1, 0.1, 1), (2, 0.7, 2), (3, 0.2, 3), (4, 0.3, 4), (5, 0.9, 5), (6, 0.6, 6)");
        List<Double> otherOrder = averages("(5, 0.9, 5), (6, 0.6, 6), (4, 0.3, 4), (3, 0.2, 3), (1, 0.1, 1), (2, 0.7, 2)");

        assertThat(oneOrder).containsExactly(2.8 / 6, 3.5);
        assertThat(otherOrder).isEqualTo(oneOrder);
    }

    private static List<Double> averages(String values) throws Exception {
        return averages("select * from (values " + values + ") as rows(deal, score, days)", 1);
    }

    /** The model's own SQL over a mart_handoff_quality of these rows (deal, score, days), on this many threads. */
    private static List<Double> averages(String rows, int threads) throws Exception {
        String model = Files.readString(Path.of("sql/marts/mart_handoff_quality_owner_month.sql"));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("set threads = " + threads); // one thread adds the rows in the order inserted
            statement.execute("""
                    create table mart_handoff_quality as
                    select 'D' || deal as deal_id, 'Ana Ruiz' as sales_owner, date '2024-01-01' as closed_month, true as has_handoff,
                        10 as items_filled, cast(score as double) as completeness_score, cast(days as double) as days_from_close_to_handoff,
                        true as has_customer_profile, true as has_contract_terms, true as has_background_problem,
                        true as has_success_definition, true as has_valued_points, true as has_concerns, true as has_promises,
                        true as has_key_people, true as has_communication_log, true as has_notes_for_cs
                    from (%s) as rows
                    """.formatted(rows));
            List<Double> averages = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("select avg_completeness_score, avg_days_from_close_to_handoff from ("
                    + model + ") where sales_owner = 'Ana Ruiz'")) {
                while (result.next()) {
                    averages.add(result.getDouble(1));
                    averages.add(result.getDouble(2));
                }
            }
            return averages;
        }
    }
}
