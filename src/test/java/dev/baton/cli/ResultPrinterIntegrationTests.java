package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;

/** What `baton query` and `baton shell` print for values whose text the DuckDB driver gets wrong. */
class ResultPrinterIntegrationTests {

    @Test
    void instantsPrintAsUtcWhateverTheJvmZoneEvenOnADaylightSavingDay() throws Exception {
        // given: the JVM in Los Angeles, where 2024-11-03 has 25 hours
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select timestamptz '2024-11-03 14:45:00+00' as closed_at,"
                        + " timestamptz '2024-07-01 08:00:00+00' as summer, cast(null as timestamptz) as never")) {
            // when
            ResultPrinter.Result result = ResultPrinter.Result.of(rows);

            // then: 14:45Z, not the driver's 06:45-07:00 (13:45Z)
            assertThat(result.rows()).containsExactly(Arrays.asList("2024-11-03T14:45:00Z", "2024-07-01T08:00:00Z", null));
        } finally {
            TimeZone.setDefault(before);
        }
    }

    @Test
    void tablesShowMoneyToCentsAndRatesToSixDecimalsWhileCsvAndJsonKeepEveryDigit() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select cast(1234.565 as decimal(18, 6)) as closing_mrr,"
                        + " cast(1.0123456789 as double) as nrr, cast(0.12345678 as decimal(18, 8)) as rate_to_reporting,"
                        + " 42 as accounts")) {
            // given
            ResultPrinter.Result result = ResultPrinter.Result.of(rows);

            // when
            ByteArrayOutputStream table = new ByteArrayOutputStream();
            ResultPrinter.print(result, ResultPrinter.Format.TABLE, new PrintStream(table, true, "UTF-8"));
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            ResultPrinter.print(result, ResultPrinter.Format.CSV, new PrintStream(csv, true, "UTF-8"));

            // then 1234.565 rounds half up to 1234.57; 1.0123456789 to 1.012346; 0.12345678 to 0.123457; 42 stays 42
            assertThat(table.toString("UTF-8").lines().toList().get(2).strip().split("\\s*\\|\\s*"))
                    .containsExactly("1234.57", "1.012346", "0.123457", "42");
            assertThat(csv.toString("UTF-8")).contains("1234.565000,1.0123456789,0.12345678,42");
        }
    }
}
