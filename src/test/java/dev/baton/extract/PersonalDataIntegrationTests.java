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
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.baton.warehouse.StatementLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Personal data under any spelling of its header is hashed before anything is stored, and the hash key never
 * appears in SQL text, so a statement log (what {@code baton bench} writes) cannot give it away.
 */
class PersonalDataIntegrationTests {

    private static final LocalDate RUN_DATE = LocalDate.of(2024, 2, 1);

    @TempDir
    Path temp;

    @Test
    void aHeaderSpelledDifferentlyIsMatchedAndItsAddressesAreNeverArchivedInClear() throws Exception {
        // given: "Ticket ID", "Account-Id", "CREATED_AT", "Requester Email" normalise to the contract's names
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("accounts.csv"), "account_id\nA1\n");
        Files.writeString(landing.resolve("tickets.csv"), "Ticket ID,Account-Id,CREATED_AT,Requester Email\n"
                + "T1,A1,2024-01-05T10:00:00Z,Ann@Example.com\nT2,A1,2024-01-06T10:00:00Z,bob@example.org\n");
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when
            fixture.extraction(1.0).landing(List.of("accounts", "tickets"), landing);

            // then
            assertThat(fixture.rows("select ticket_id, account_id, requester_email_hash from landed_tickets order by ticket_id"))
                    .extracting(r -> tuple(r.get("ticket_id"), r.get("account_id"), r.get("requester_email_hash")))
                    .containsExactly(tuple("T1", "A1", hmac("ann@example.com")), tuple("T2", "A1", hmac("bob@example.org")));
            Path archive;
            try (Stream<Path> files = Files.walk(fixture.layout.root().resolve("raw/tickets"))) {
                archive = files.filter(file -> file.toString().endsWith(".parquet")).findFirst().orElseThrow();
            }
            assertThat(fixture.rows("select \"Requester Email\" as email from read_parquet('" + archive + "') order by 1"))
                    .extracting(r -> r.get("email")).containsExactlyInAnyOrder(hmac("ann@example.com"), hmac("bob@example.org"));
            assertThat(new String(Files.readAllBytes(archive), StandardCharsets.ISO_8859_1)).doesNotContain("@example");
        }
    }

    @Test
    void twoHeadersForOneContractColumnFailTheFileOnOneLine() throws Exception {
        // given: "Requester Email" and "requester_email" both normalise to requester_email
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("accounts.csv"), "account_id\nA1\n");
        Files.writeString(landing.resolve("tickets.csv"), "ticket_id,account_id,created_at,Requester Email,requester_email\n"
                + "T1,A1,2024-01-05T10:00:00Z,ann@example.com,ann@example.com\n");
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when / then
            assertThatThrownBy(() -> fixture.extraction(1.0).landing(List.of("accounts", "tickets"), landing))
                    .hasMessage("tickets.csv: line 1 has 'Requester Email' and 'requester_email', both column requester_email"
                            + " of the contract (names are matched ignoring case, spaces and punctuation)");
        }
    }

    @Test
    void aCaseVariantDuplicateHeaderFailsOnOneLine() throws Exception {
        // given
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("accounts.csv"), "account_id,Segment,segment\nA1,smb,smb\n");
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), RUN_DATE)) {
            // when / then
            assertThatThrownBy(() -> fixture.extraction(1.0).landing(List.of("accounts"), landing))
                    .hasMessageContaining("accounts.csv: line 1 names column 'segment' twice ('Segment', 'segment'; names are matched ignoring case)")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Binder"));
        }
    }

    @Test
    void theHashKeyNeverAppearsInRecordedStatements() throws Exception {
        // given: every statement sent to the build file is recorded, as baton bench does
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("accounts.csv"), "account_id\nA1\n");
        Files.writeString(landing.resolve("tickets.csv"), "ticket_id,account_id,created_at,requester_email\n"
                + "T1,A1,2024-01-05T10:00:00Z,ann@example.com\n");
        Path warehouse = temp.resolve("warehouse");
        StatementLog statements = new StatementLog(warehouse, warehouse.resolve("build"));
        try (ExtractionFixture fixture = new ExtractionFixture(warehouse, RUN_DATE, statements)) {
            // when
            fixture.extraction(1.0).landing(List.of("accounts", "tickets"), landing);
            Path csv = temp.resolve("statements.csv");
            statements.writeCsv(csv);

            // then: neither HMAC pad (key xor 0x36, key xor 0x5c, as hex) nor the key is in any recorded SQL
            String written = Files.readString(csv);
            assertThat(written).contains("landed_tickets").doesNotContain(pad(0x36)).doesNotContain(pad(0x5c))
                    .doesNotContain(ExtractionFixture.HASH_KEY);
            assertThat(statements.entries()).filteredOn(StatementLog.Executed.class::isInstance)
                    .map(entry -> ((StatementLog.Executed) entry).sql()).isNotEmpty()
                    .noneMatch(sql -> sql.contains(pad(0x36)) || sql.contains(pad(0x5c)));
            assertThat(fixture.value("select requester_email_hash from landed_tickets")).isEqualTo(hmac("ann@example.com"));
        }
    }

    /** The key padded to 64 bytes and xor-ed with {@code with}, in hex: what a log must not hold. */
    private static String pad(int with) {
        byte[] key = ExtractionFixture.HASH_KEY.getBytes(StandardCharsets.UTF_8);
        byte[] pad = new byte[64];
        for (int i = 0; i < 64; i++) {
            pad[i] = (byte) ((i < key.length ? key[i] : 0) ^ with);
        }
        return HexFormat.of().formatHex(pad);
    }

    private static String hmac(String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(ExtractionFixture.HASH_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
