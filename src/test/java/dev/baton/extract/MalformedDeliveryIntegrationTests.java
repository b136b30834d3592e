package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dirty deliveries against a real DuckDB build file: every bad record reaches quarantine with its line, column and
 * reason, every good one is loaded, and requester emails exist only as an HMAC. Fixture: scenarios/malformed
 * (tickets.csv: BOM, ';' delimiter, CRLF, no final newline, a quoted delimiter, a status spanning two lines, which
 * is not free text and so quarantined line by line).
 */
class MalformedDeliveryIntegrationTests {

    private static final LocalDate RUN_DATE = LocalDate.of(2024, 2, 1);
    private static final String SPANNED_STATUS = "line break inside the quoted value of status, which is not free text:"
            + " lines 10-11 were read as one record (a stray quote?)";

    @TempDir
    Path temp;

    @Test
    void eachBadRecordIsQuarantinedWithItsLineColumnAndReason() throws Exception {
        // given
        Path landing = Scenarios.copy("malformed", temp.resolve("landing"));
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when
            List<DeliveryLoader.Delivery> deliveries = fixture.extraction(1.0)
                    .landing(List.of("tickets", "subscriptions", "deals", "accounts", "fx_rates"), landing);

            // then: fx_rates and accounts load first, whatever the order asked
            assertThat(deliveries).extracting(DeliveryLoader.Delivery::entity)
                    .containsExactly("fx_rates", "accounts", "tickets", "subscriptions", "deals");
            assertThat(fixture.rows("select line_number, column_name, reason from quarantine where entity = 'tickets'"
                    + " order by line_number, column_name")).extracting(row -> tuple(row.get("line_number"), row.get("column_name"), row.get("reason")))
                    .containsExactly(
                            tuple(3L, "created_at", "not an ISO-8601 timestamp"),
                            tuple(4L, "created_at", "short row: fewer columns than the header"),
                            tuple(5L, "status", "stray quote: a value is not properly quoted"),
                            tuple(6L, "status", "wrong encoding: bytes that are not the file's declared encoding"),
                            tuple(7L, "account_id", "unknown account: no accounts row has this account_id"),
                            tuple(8L, "ticket_id", "duplicate key in this delivery with different contents (lines 8, 9)"),
                            tuple(9L, "ticket_id", "duplicate key in this delivery with different contents (lines 8, 9)"),
                            tuple(10L, "status", SPANNED_STATUS),
                            tuple(11L, "status", SPANNED_STATUS));
            assertThat(fixture.rows("select ticket_id, status, _line_number from landed_tickets order by ticket_id"))
                    .extracting(row -> tuple(row.get("ticket_id"), row.get("status"), row.get("_line_number")))
                    .containsExactly(tuple("T1", "open; waiting", 2L), tuple("T9", "open", 12L));
            assertThat(fixture.rows("select line_number, column_name, raw_value, reason from quarantine where entity = 'subscriptions' order by line_number"))
                    .extracting(row -> tuple(row.get("line_number"), row.get("column_name"), row.get("raw_value"), row.get("reason")))
                    .containsExactly(
                            tuple(3L, "quantity", "-1", "breaks rule (quantity >= 0)"),
                            tuple(4L, "currency", "XYZ", "unknown currency: not in fx_rates and not the reporting currency USD"));
            assertThat(fixture.rows("select deal_id, amount, created_at, is_won from landed_deals"))
                    .extracting(row -> tuple(row.get("deal_id"), row.get("amount").toString(), row.get("is_won")))
                    .containsExactly(tuple("D1", "1200.50", true));
            // deals.jsonl: line 3 is cut off, line 4 blank (not a record), line 5 an array
            assertThat(fixture.rows("select line_number, column_name, reason from quarantine where entity = 'deals' order by line_number"))
                    .extracting(row -> tuple(row.get("line_number"), row.get("column_name"), row.get("reason")))
                    .containsExactly(tuple(2L, "amount", "breaks rule (amount >= 0)"), tuple(3L, null, "malformed JSON"),
                            tuple(5L, null, "not a JSON object"));
            assertThat(fixture.rows("select entity, rows_read, rows_loaded, rows_quarantined from load_reconciliation order by entity"))
                    .extracting(row -> tuple(row.get("entity"), row.get("rows_read"), row.get("rows_loaded"), row.get("rows_quarantined")))
                    .containsExactly(tuple("accounts", 2L, 2L, 0L), tuple("deals", 4L, 1L, 3L), tuple("fx_rates", 1L, 1L, 0L),
                            tuple("subscriptions", 4L, 2L, 2L), tuple("tickets", 11L, 2L, 9L));
        }
    }

    @Test
    void requesterEmailsAreStoredOnlyAsHmacSha256AnywhereInTheWarehouse() throws Exception {
        // given
        Path landing = Scenarios.copy("malformed", temp.resolve("landing"));
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when
            fixture.extraction(1.0).landing(List.of("accounts", "fx_rates", "tickets"), landing);

            // then: the hash is HMAC-SHA256(key, trimmed lower-case address), the same as javax.crypto computes
            assertThat(fixture.value("select requester_email_hash from landed_tickets where ticket_id = 'T1'"))
                    .isEqualTo(hmac("ann@example.com"));
            assertThat(fixture.value("select requester_email_hash from landed_tickets where ticket_id = 'T9'"))
                    .isEqualTo(hmac("b@x.com"));
            assertThat(fixture.count("select * from quarantine where raw_value like '%@%'")).isZero();
            assertThat(fixture.count("select * from landed_tickets where requester_email_hash like '%@%'")).isZero();
            Path archive;
            try (Stream<Path> files = Files.walk(fixture.layout.root().resolve("raw/tickets"))) {
                archive = files.filter(file -> file.toString().endsWith(".parquet")).findFirst().orElseThrow();
            }
            assertThat(archive.toString()).contains("load_date=2024-02-01").contains("tickets.csv-");
            assertThat(fixture.count("select * from read_parquet('" + archive + "')")).as("records that split into columns").isEqualTo(7);
            assertThat(fixture.value("select requester_email from read_parquet('" + archive + "') where ticket_id = 'T1'"))
                    .isEqualTo(hmac("ann@example.com"));
            assertThat(fixture.count("select * from read_parquet('" + archive + "') where requester_email like '%@%'")).isZero();
            assertThat(new String(Files.readAllBytes(archive), StandardCharsets.ISO_8859_1)).doesNotContain("@x.com").doesNotContain("Example.com");
        }
    }

    @Test
    void ticketsWithEmailsFailWhenAKeyIsRequiredButMissing() throws Exception {
        // given
        Path landing = Scenarios.copy("malformed", temp.resolve("landing"));
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            Extraction withoutKey = new Extraction(fixture.connection, RUN_DATE, KeyedHash.fromKey(null), "USD", null, 1.0, true);

            // when / then
            assertThatThrownBy(() -> withoutKey.landing(List.of("accounts", "tickets"), landing))
                    .hasMessageContaining("tickets.csv: column requester_email carries personal data")
                    .hasMessageContaining("BATON_HASH_KEY");
        }
    }

    @Test
    void tooManyBadRowsFailNamingTheFileAndFirstLines() throws Exception {
        // given
        Path landing = Scenarios.copy("malformed", temp.resolve("landing"));
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when / then
            assertThatThrownBy(() -> fixture.extraction(0.10).landing(List.of("accounts", "tickets"), landing))
                    .hasMessageContaining("tickets.csv (tickets): 9 of 11 rows are bad")
                    .hasMessageContaining("line 3 column created_at '2024-02-30': not an ISO-8601 timestamp");
        }
    }

    @Test
    void aFileWithoutARequiredColumnFailsNamingIt() throws Exception {
        // given
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("deals.csv"), "deal_id;stage;created_at\nD1;open;2024-01-01\n");
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when / then
            assertThatThrownBy(() -> fixture.extraction(1.0).landing(List.of("deals"), landing))
                    .isInstanceOf(MissingColumnException.class)
                    .hasMessageContaining("deals.csv: required column account_id missing");
        }
    }

    @Test
    void parquetDeliveriesAreTypedAndCheckedLikeCsv() throws Exception {
        // given
        Path landing = Files.createDirectories(temp.resolve("landing"));
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            fixture.connection.createStatement().execute("copy (select * from (values ('2024-01', 'paid', 'marketing', 100.25, 'USD'),"
                    + " ('2024-01', 'paid', 'travel', 5.0, 'USD')) as t(month, channel, category, amount, currency)) to '"
                    + landing.resolve("spend_2024.parquet") + "' (format parquet)");

            // when
            fixture.extraction(1.0).landing(List.of("spend"), landing);

            // then
            assertThat(fixture.rows("select channel, category, amount from landed_spend"))
                    .extracting(row -> tuple(row.get("channel"), row.get("category"), row.get("amount").toString()))
                    .containsExactly(tuple("paid", "marketing", "100.25"));
            Map<String, Object> bad = fixture.rows("select * from quarantine").get(0);
            assertThat(bad).containsEntry("source_file", "spend_2024.parquet").containsEntry("line_number", 2L)
                    .containsEntry("column_name", "category").containsEntry("raw_value", "travel");
        }
    }

    @Test
    void linesStayExactWhenAQuotedValueSpansLinesAndRepeatedRowsLoadOnce() throws Exception {
        // given: no record that fails to split (the fast path for line numbers is not enough here), a quoted channel
        // over three lines (not free text, so each of its lines is quarantined), a bad amount after it, and one row
        // delivered twice
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("spend.csv"), """
                month,channel,category,amount,currency
                2024-01,"paid
                social
                ads",marketing,100.00,USD
                2024-01,events,marketing,ten,USD
                2024-02,events,marketing,20.00,USD
                2024-02,events,marketing,20.00,USD
                2024-03,events,sales,30.00,USD
                """);
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when
            List<DeliveryLoader.Delivery> deliveries = fixture.extraction(1.0).landing(List.of("spend"), landing);

            // then: the bad amount is on line 5 of the file; the repeated row (lines 6 and 7) loads once, from line 6;
            // 7 physical records = 2 loaded + 1 unchanged + 4 quarantined (lines 2, 3, 4, 5)
            assertThat(fixture.rows("select line_number, column_name, raw_value from quarantine order by line_number"))
                    .extracting(row -> tuple(row.get("line_number"), row.get("column_name"), row.get("raw_value")))
                    .containsExactly(tuple(2L, "channel", null), tuple(3L, "channel", null), tuple(4L, "channel", null),
                            tuple(5L, "amount", "ten"));
            assertThat(fixture.rows("select month, channel, _line_number from landed_spend order by _line_number"))
                    .extracting(row -> tuple(row.get("month"), row.get("channel"), row.get("_line_number")))
                    .containsExactly(tuple("2024-02", "events", 6L), tuple("2024-03", "events", 8L));
            assertThat(deliveries).singleElement().satisfies(delivery -> {
                assertThat(delivery.rowsRead()).isEqualTo(7);
                assertThat(delivery.rowsLoaded()).isEqualTo(2);
                assertThat(delivery.rowsUnchanged()).isEqualTo(1);
                assertThat(delivery.rowsQuarantined()).isEqualTo(4);
            });
        }
    }

    private static String hmac(String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ExtractionFixture.HASH_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
