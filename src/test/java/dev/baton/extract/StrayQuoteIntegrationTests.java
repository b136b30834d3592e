package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quotes that do not close where they should: rows read count the file's physical records, a record that spans lines
 * outside free text is quarantined line by line (never merged into a neighbour), and every line number is the line
 * an editor shows, blank lines included.
 */
class StrayQuoteIntegrationTests {

    private static final LocalDate RUN_DATE = LocalDate.of(2024, 2, 1);

    @TempDir
    Path temp;

    @Test
    void twoStrayQuotesOnConsecutiveLinesQuarantineBothLinesInsteadOfMergingThem() throws Exception {
        // given: line 4 opens a quote, line 5 closes it: DuckDB reads them as one record with account_name
        // "Gamma\nA4,Delta"
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("accounts.csv"), """
                account_id,account_name,segment
                A1,Acme,smb
                A2,Beta,smb
                A3,"Gamma,smb
                A4,Delta",smb
                A5,Epsilon,smb
                A6,Zeta,smb
                """);
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when
            List<DeliveryLoader.Delivery> deliveries = fixture.extraction(1.0).landing(List.of("accounts"), landing);

            // then: 6 physical records = 4 loaded (A1, A2, A5, A6) + 2 quarantined (lines 4 and 5)
            assertThat(deliveries).singleElement().satisfies(delivery -> {
                assertThat(delivery.rowsRead()).isEqualTo(6);
                assertThat(delivery.rowsLoaded()).isEqualTo(4);
                assertThat(delivery.rowsQuarantined()).isEqualTo(2);
            });
            assertThat(fixture.rows("select line_number, column_name, reason from quarantine order by line_number"))
                    .extracting(r -> tuple(r.get("line_number"), r.get("column_name"), r.get("reason")))
                    .containsExactly(
                            tuple(4L, "account_name", "line break inside the quoted value of account_name, which is not free text:"
                                    + " lines 4-5 were read as one record (a stray quote?)"),
                            tuple(5L, "account_name", "line break inside the quoted value of account_name, which is not free text:"
                                    + " lines 4-5 were read as one record (a stray quote?)"));
            assertThat(fixture.rows("select account_id, account_name, _line_number from landed_accounts order by account_id"))
                    .extracting(r -> tuple(r.get("account_id"), r.get("account_name"), r.get("_line_number")))
                    .containsExactly(tuple("A1", "Acme", 2L), tuple("A2", "Beta", 3L), tuple("A5", "Epsilon", 6L), tuple("A6", "Zeta", 7L));
            assertThat(fixture.rows("select rows_read, rows_loaded, rows_quarantined from load_reconciliation"))
                    .extracting(r -> tuple(r.get("rows_read"), r.get("rows_loaded"), r.get("rows_quarantined")))
                    .containsExactly(tuple(6L, 4L, 2L));
        }
    }

    @Test
    void anUnclosedQuoteNearTheEndQuarantinesEveryLineItSwallowedWithAOneLineReason() throws Exception {
        // given: the quote opened on line 5 never closes, so lines 5-7 are one rejected record
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("accounts.csv"), """
                account_id,account_name,segment
                A1,Acme,smb
                A2,Beta,smb
                A3,Gamma,smb
                A4,"Delta,smb
                A5,Epsilon,smb
                A6,Zeta,smb
                """);
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when
            List<DeliveryLoader.Delivery> deliveries = fixture.extraction(1.0).landing(List.of("accounts"), landing);

            // then: 6 physical records = 3 loaded + 3 quarantined (lines 5, 6, 7)
            String reason = "unclosed quote: the quoted value opened on line 5 does not close before line 7,"
                    + " so those lines were read as one record";
            assertThat(fixture.rows("select line_number, reason from quarantine order by line_number"))
                    .extracting(r -> tuple(r.get("line_number"), r.get("reason")))
                    .containsExactly(tuple(5L, reason), tuple(6L, reason), tuple(7L, reason));
            assertThat(deliveries).singleElement().satisfies(delivery -> {
                assertThat(delivery.rowsRead()).isEqualTo(6);
                assertThat(delivery.rowsLoaded()).isEqualTo(3);
                assertThat(delivery.rowsQuarantined()).isEqualTo(3);
                assertThat(delivery.firstProblems()).allSatisfy(problem -> assertThat(problem).doesNotContain("\n").hasSizeLessThan(250));
            });
            assertThat(fixture.value("select raw_value from quarantine where line_number = 5")).isEqualTo("A4,\"Delta,smb");
        }
    }

    @Test
    void tooManySwallowedLinesFailTheFileWithAOneLineMessage() throws Exception {
        // given: an unclosed quote on line 2 swallows the 40 lines after it
        Path landing = Files.createDirectories(temp.resolve("landing"));
        StringBuilder file = new StringBuilder("account_id,account_name\nA0,\"Acme\n");
        for (int i = 1; i <= 40; i++) {
            file.append("A").append(i).append(",Name ").append(i).append('\n');
        }
        Files.writeString(landing.resolve("accounts.csv"), file.toString());
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when / then
            assertThatThrownBy(() -> fixture.extraction(0.1).landing(List.of("accounts"), landing))
                    .hasMessageContaining("accounts.csv (accounts): 41 of 41 rows are bad")
                    .hasMessageContaining("line 2 column account_name 'A0,\"Acme': unclosed quote")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Name 40"));
        }
    }

    @Test
    void aUtf16FileFailsOnOneLineNamingTheEncoding() throws Exception {
        // given: what Excel saves as "Unicode text"
        Path landing = Files.createDirectories(temp.resolve("landing"));
        byte[] text = "account_id,account_name\nA1,Acme\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] withMark = new byte[text.length + 2];
        withMark[0] = (byte) 0xff;
        withMark[1] = (byte) 0xfe;
        System.arraycopy(text, 0, withMark, 2, text.length);
        Files.write(landing.resolve("accounts.csv"), withMark);
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when / then
            assertThatThrownBy(() -> fixture.extraction(1.0).landing(List.of("accounts"), landing))
                    .hasMessage("accounts.csv: the file is UTF-16 little-endian (byte order mark FF FE); a CSV delivery must be"
                            + " UTF-8 (or the encoding its source mapping declares): save it as UTF-8 CSV");
        }
    }

    @Test
    void blankLinesDoNotShiftTheLinesOfLaterRecords() throws Exception {
        // given: blank lines 3, 4 and 6 (DuckDB skips them), a bad amount on line 5, a short row on line 7
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("spend.csv"), "month,channel,category,amount,currency\n"
                + "2024-01,paid,marketing,10.00,USD\n\n\n2024-02,paid,marketing,ten,USD\n\n2024-03,paid\n"
                + "2024-04,paid,marketing,40.00,USD\n\n");
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when
            fixture.extraction(1.0).landing(List.of("spend"), landing);

            // then
            assertThat(fixture.rows("select line_number, reason from quarantine order by line_number"))
                    .extracting(r -> tuple(r.get("line_number"), r.get("reason")))
                    .containsExactly(tuple(5L, "not a decimal number"), tuple(7L, "short row: fewer columns than the header"));
            assertThat(fixture.rows("select month, _line_number from landed_spend order by month"))
                    .extracting(r -> tuple(r.get("month"), r.get("_line_number")))
                    .containsExactly(tuple("2024-01", 2L), tuple("2024-04", 8L));
        }
    }

    @Test
    void freeTextMaySpanLinesAndLaterLinesStayExact() throws Exception {
        // given: handoffs' notes_for_cs is free text; its value spans lines 2-4, a missing handed_off_at is on line 6
        // after a blank line 5, the last row on line 7
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("accounts.csv"), "account_id\nA1\n");
        Files.writeString(landing.resolve("handoffs.csv"), "deal_id,account_id,handed_off_at,notes_for_cs\n"
                + "D1,A1,2024-01-05T00:00:00Z,\"call Ann first\nshe owns the budget\n\"\"urgent\"\"\"\n\n"
                + "D2,A1,,none\nD3,A1,2024-01-07T00:00:00Z,none\n");
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when
            List<DeliveryLoader.Delivery> deliveries = fixture.extraction(1.0).landing(List.of("accounts", "handoffs"), landing);

            // then: 3 records = 2 loaded + 1 quarantined
            assertThat(fixture.rows("select deal_id, notes_for_cs, _line_number from landed_handoffs order by deal_id"))
                    .extracting(r -> tuple(r.get("deal_id"), r.get("notes_for_cs"), r.get("_line_number")))
                    .containsExactly(tuple("D1", "call Ann first\nshe owns the budget\n\"urgent\"", 2L), tuple("D3", "none", 7L));
            assertThat(fixture.rows("select line_number, column_name from quarantine"))
                    .extracting(r -> tuple(r.get("line_number"), r.get("column_name")))
                    .containsExactly(tuple(6L, "handed_off_at"));
            assertThat(deliveries.get(1).rowsRead()).isEqualTo(3);
        }
    }
}
