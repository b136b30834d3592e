package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A night is published with bad rows, the sender corrects the file, and the same date runs again ({@code run
 * --rerun}): the build file starts from the published one, which holds the first attempt's quarantine, reconciliation
 * and ledger rows for that date. The rerun replaces them, so the corrected rows land.
 */
class RerunIntegrationTests {

    private static final LocalDate NIGHT = LocalDate.of(2024, 3, 1);
    private static final String ACCOUNTS = "account_id,account_name\nA1,Acme\nA2,Beta\nA3,Gamma\nA4,Delta\n";
    private static final String HEADER = "subscription_id,account_id,plan,amount,currency,billing_period_months,start_date\n";
    private static final String GOOD = "S1,A1,pro,100,USD,1,2024-01-01\nS2,A2,pro,100,USD,1,2024-01-01\n";
    // lines 4, 5 and 6 are bad: a negative amount, no currency, a month count that is not a number
    private static final String BAD = "S3,A3,pro,-5,USD,1,2024-01-01\nS4,A4,pro,10,,1,2024-01-01\nS5,A4,pro,10,USD,x,2024-01-01\n";
    private static final String CORRECTED = "S3,A3,pro,5,USD,1,2024-01-01\nS4,A4,pro,10,USD,1,2024-01-01\nS5,A4,pro,10,USD,1,2024-01-01\n";

    @TempDir
    Path temp;

    @Test
    void aRerunAfterTheFileIsCorrectedLoadsTheCorrectedRowsAndReplacesItsOwnRows() throws Exception {
        // given: the night ran and was published with 3 quarantined lines
        Path warehouse = temp.resolve("warehouse");
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("accounts.csv"), ACCOUNTS);
        Files.writeString(landing.resolve("subscriptions.csv"), HEADER + GOOD + BAD);
        night(warehouse, landing);

        // when: the file is corrected and the same date runs again
        Files.writeString(landing.resolve("subscriptions.csv"), HEADER + GOOD + CORRECTED);
        night(warehouse, landing);

        // then: 5 read = 3 loaded (S3, S4, S5 are new) + 2 unchanged (S1, S2 landed by the first attempt); one
        // reconciliation row and one ledger row per file for the date, no quarantine row left from the first attempt
        try (ExtractionFixture published = new ExtractionFixture(warehouse, LocalDate.of(2024, 3, 9))) {
            assertThat(published.rows("select rows_read, rows_loaded, rows_updated, rows_unchanged, rows_quarantined"
                    + " from load_reconciliation where entity = 'subscriptions'"))
                    .extracting(r -> tuple(r.get("rows_read"), r.get("rows_loaded"), r.get("rows_updated"), r.get("rows_unchanged"),
                            r.get("rows_quarantined")))
                    .containsExactly(tuple(5L, 3L, 0L, 2L, 0L));
            assertThat(published.count("select * from quarantine")).isZero();
            assertThat(published.rows("select subscription_id from landed_subscriptions order by subscription_id"))
                    .extracting(r -> r.get("subscription_id")).containsExactly("S1", "S2", "S3", "S4", "S5");
            assertThat(published.count("select * from load_ledger where entity = 'subscriptions'")).isEqualTo(1);
            assertThat(published.count("select * from load_reconciliation where entity = 'accounts'")).isEqualTo(1);
            assertThat(published.count("select * from load_ledger where entity = 'accounts'")).isEqualTo(1);
        }
    }

    @Test
    void aRerunWithTheSameBadFileKeepsOneQuarantineRowPerProblem() throws Exception {
        // given
        Path warehouse = temp.resolve("warehouse");
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("accounts.csv"), ACCOUNTS);
        Files.writeString(landing.resolve("subscriptions.csv"), HEADER + GOOD + BAD);
        night(warehouse, landing);

        // when: the same bytes again on the same date
        night(warehouse, landing);

        // then: 3 quarantine rows (lines 4, 5, 6), not 6; 5 read = 0 loaded + 2 unchanged + 3 quarantined
        try (ExtractionFixture published = new ExtractionFixture(warehouse, LocalDate.of(2024, 3, 9))) {
            assertThat(published.rows("select line_number from quarantine order by line_number"))
                    .extracting(r -> r.get("line_number")).containsExactly(4L, 5L, 6L);
            assertThat(published.rows("select rows_read, rows_loaded, rows_unchanged, rows_quarantined"
                    + " from load_reconciliation where entity = 'subscriptions'"))
                    .extracting(r -> tuple(r.get("rows_read"), r.get("rows_loaded"), r.get("rows_unchanged"), r.get("rows_quarantined")))
                    .containsExactly(tuple(5L, 0L, 2L, 3L));
        }
    }

    /** One attempt of the night, then the rename the publish step does. */
    private static void night(Path warehouse, Path landing) throws Exception {
        try (ExtractionFixture fixture = new ExtractionFixture(warehouse, NIGHT)) {
            fixture.extraction(1.0).landing(List.of("accounts", "subscriptions"), landing);
            try (Statement statement = fixture.connection.createStatement()) {
                statement.execute("checkpoint");
            }
        }
        Files.move(warehouse.resolve("build").resolve("nightly-" + NIGHT + ".duckdb"), warehouse.resolve("warehouse.duckdb"),
                StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
