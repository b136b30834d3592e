package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An entity's first delivery goes into an empty landed table without being classified first (AcceptedRows): its
 * counts, quarantine rows and landed rows must be what the classified path gives, and the night's next file of the
 * same entity, into a table no longer empty, is classified against it.
 */
class FirstDeliveryIntegrationTests {

    private static final LocalDate RUN_DATE = LocalDate.of(2024, 4, 1);

    @TempDir
    Path temp;

    @Test
    void theFirstFileLoadsStraightAndTheSecondIsComparedWithIt() throws Exception {
        // given: spend_1 has a row padded with spaces and the same row again (the copy counts as unchanged), a missing
        // required text value and a text value breaking its rule; spend_2 repeats the landed row and brings a new one
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("spend_1.csv"), """
                month,channel,category,amount,currency
                2024-01, paid ,marketing,100.00,USD
                2024-01,paid,marketing,100.00,USD
                2024-02,,marketing,5.00,USD
                2024-02,events,travel,5.00,USD
                """);
        Files.writeString(landing.resolve("spend_2.csv"), """
                month,channel,category,amount,currency
                2024-01,paid,marketing,100.00,USD
                2024-03,events,sales,30.00,USD
                """);
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when
            List<DeliveryLoader.Delivery> deliveries = fixture.extraction(1.0).landing(List.of("spend"), landing);

            // then: spend_1 read 4 = 1 loaded + 1 unchanged + 2 quarantined; spend_2 read 2 = 1 loaded + 1 unchanged
            assertThat(deliveries).extracting(DeliveryLoader.Delivery::sourceFile, DeliveryLoader.Delivery::rowsRead,
                    DeliveryLoader.Delivery::rowsLoaded, DeliveryLoader.Delivery::rowsUpdated,
                    DeliveryLoader.Delivery::rowsUnchanged, DeliveryLoader.Delivery::rowsQuarantined)
                    .containsExactly(tuple("spend_1.csv", 4L, 1L, 0L, 1L, 2L), tuple("spend_2.csv", 2L, 1L, 0L, 1L, 0L));
            assertThat(fixture.rows("select line_number, column_name, raw_value, reason from quarantine order by line_number"))
                    .extracting(row -> tuple(row.get("line_number"), row.get("column_name"), row.get("raw_value"),
                            row.get("reason").toString().startsWith("breaks rule") ? "breaks rule" : row.get("reason")))
                    .containsExactly(tuple(4L, "channel", null, "missing required value"),
                            tuple(5L, "category", "travel", "breaks rule"));
            assertThat(fixture.rows("select month, channel, amount, _source_file, _line_number from landed_spend order by month"))
                    .extracting(row -> tuple(row.get("month"), row.get("channel"), row.get("amount").toString(),
                            row.get("_source_file"), row.get("_line_number")))
                    .containsExactly(tuple("2024-01", "paid", "100.00", "spend_1.csv", 2L),
                            tuple("2024-03", "events", "30.00", "spend_2.csv", 3L));
        }
    }
}
