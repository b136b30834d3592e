package dev.baton.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import dev.baton.warehouse.BatonProperties.ChurnRecognition;
import dev.baton.warehouse.BatonProperties.Discounts;
import dev.baton.warehouse.BatonProperties.FxRateRule;
import dev.baton.warehouse.BatonProperties.Metrics;
import dev.baton.warehouse.BatonProperties.PauseTreatment;
import dev.baton.warehouse.BatonProperties.Trials;
import org.junit.jupiter.api.Test;

/** run_context is made from the Metrics record: the columns and types the Flyway migrations used to give it. */
class RunContextTests {

    private static final Metrics METRICS = new Metrics("EUR", new BigDecimal("0.75"), 6, "Europe/Berlin", ChurnRecognition.CANCELLATION_DATE,
            PauseTreatment.CONTRACTION, Trials.EXCLUDED, Discounts.LIST, FxRateRule.MONTH_AVERAGE, 1, 60);

    @Test
    void everySettingIsAColumnNamedAndTypedAsTheMigrationsMadeIt() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            // given: last night's table, as V1, V3 and V8 left it, with a row
            try (Statement statement = connection.createStatement()) {
                statement.execute("create table run_context (run_date date not null, reporting_currency varchar not null)");
                statement.execute("insert into run_context values (date '2024-04-14', 'USD')");
            }

            // when
            RunContext.write(connection, LocalDate.of(2024, 4, 15), METRICS);

            // then
            assertThat(strings(connection, "select column_name || ' ' || data_type from duckdb_columns() where table_name = 'run_context'"
                    + " order by column_index")).containsExactly(
                            "run_date DATE", "reporting_currency VARCHAR", "gross_margin DECIMAL(9,4)", "ltv_churn_window_months INTEGER",
                            "reporting_time_zone VARCHAR", "churn_recognition VARCHAR", "pause_treatment VARCHAR", "trials VARCHAR",
                            "discounts VARCHAR", "fx_rate_rule VARCHAR", "cac_lag_months INTEGER", "ltv_max_lifetime_months INTEGER");
            // the text the models' fingerprints are made of, so last night's fingerprints still match
            assertThat(strings(connection, "select * exclude (run_date) from run_context"))
                    .containsExactly("EUR|0.7500|6|Europe/Berlin|cancellation-date|contraction|excluded|list|month-average|1|60");
            assertThat(strings(connection, "select cast(run_date as varchar) from run_context")).containsExactly("2024-04-15");
        }
    }

    @Test
    void aComponentNameBecomesASnakeCaseColumn() {
        assertThat(RunContext.columnName("ltvMaxLifetimeMonths")).isEqualTo("ltv_max_lifetime_months");
        assertThat(RunContext.columnName("trials")).isEqualTo("trials");
    }

    /** Each row's values as IncrementalBuild reads them for the fingerprint: String.valueOf each, joined by '|'. */
    private static List<String> strings(Connection connection, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                StringJoiner row = new StringJoiner("|");
                for (int column = 1; column <= columns; column++) {
                    row.add(String.valueOf(rows.getObject(column)));
                }
                values.add(row.toString());
            }
        }
        return values;
    }
}
