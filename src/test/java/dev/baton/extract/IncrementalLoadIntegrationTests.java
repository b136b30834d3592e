package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nights against one warehouse folder: each build file starts from the published one, so re-delivering the
 * same file changes nothing and a changed row (newer updated_at) replaces the old one in staging. Staging is the
 * project's own sql/staging/stg_subscriptions.sql; "publishing" is the rename the publish step does.
 */
class IncrementalLoadIntegrationTests {

    private static final String ACCOUNTS = "account_id,account_name\nA1,Acme\nA2,Beta\nA3,Gamma\n";
    private static final String SUBSCRIPTIONS = """
            subscription_id,account_id,plan,amount,currency,billing_period_months,start_date,updated_at
            S1,A1,pro,100,USD,1,2024-01-01,2024-03-01T00:00:00Z
            S2,A2,basic,50,USD,1,2024-01-01,2024-03-01T00:00:00Z
            """;
    // S1 raised to 120 (newer updated_at), S2 as before, S3 new
    private static final String SUBSCRIPTIONS_CHANGED = """
            subscription_id,account_id,plan,amount,currency,billing_period_months,start_date,updated_at
            S1,A1,pro,120,USD,1,2024-01-01,2024-03-03T08:00:00Z
            S2,A2,basic,50,USD,1,2024-01-01,2024-03-01T00:00:00Z
            S3,A3,pro,80,USD,1,2024-03-01,2024-03-03T08:00:00Z
            """;

    @TempDir
    Path temp;

    @Test
    void sameFilesTwiceChangeNothingAndANewerVersionReplacesTheOldOne() throws Exception {
        // given
        Path warehouse = temp.resolve("warehouse");
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Files.writeString(landing.resolve("accounts.csv"), ACCOUNTS);
        Files.writeString(landing.resolve("subscriptions.csv"), SUBSCRIPTIONS);

        // when: night 1, then the same files on night 2, twice (a re-run of the night)
        night(warehouse, LocalDate.of(2024, 3, 1), landing, true);
        night(warehouse, LocalDate.of(2024, 3, 2), landing, false);
        night(warehouse, LocalDate.of(2024, 3, 2), landing, true);

        // then
        try (ExtractionFixture published = openPublished(warehouse, LocalDate.of(2024, 3, 9))) {
            assertThat(published.rows("select run_date, entity, rows_read, rows_loaded, rows_updated, rows_unchanged, rows_quarantined"
                    + " from load_reconciliation where entity = 'subscriptions' order by run_date"))
                    .extracting(r -> tuple(r.get("run_date").toString(), r.get("rows_read"), r.get("rows_loaded"), r.get("rows_updated"),
                            r.get("rows_unchanged"), r.get("rows_quarantined")))
                    .containsExactly(tuple("2024-03-01", 2L, 2L, 0L, 0L, 0L), tuple("2024-03-02", 2L, 0L, 0L, 2L, 0L));
            assertThat(published.count("select * from landed_subscriptions")).isEqualTo(2);
            assertThat(published.count("select * from landed_accounts")).isEqualTo(3);
        }

        // when: night 3 delivers a modified file
        Files.writeString(landing.resolve("subscriptions.csv"), SUBSCRIPTIONS_CHANGED);
        night(warehouse, LocalDate.of(2024, 3, 3), landing, true);

        // then
        try (ExtractionFixture published = openPublished(warehouse, LocalDate.of(2024, 3, 9))) {
            assertThat(published.rows("select rows_read, rows_loaded, rows_updated, rows_unchanged, rows_quarantined"
                    + " from load_reconciliation where entity = 'subscriptions' and run_date = '2024-03-03'"))
                    .extracting(r -> tuple(r.get("rows_read"), r.get("rows_loaded"), r.get("rows_updated"), r.get("rows_unchanged"),
                            r.get("rows_quarantined")))
                    .containsExactly(tuple(3L, 1L, 1L, 1L, 0L));
            try (Statement statement = published.connection.createStatement()) {
                statement.execute("create temp view stg_subscriptions as " + stripHeader(
                        Files.readString(Path.of("sql/staging/stg_subscriptions.sql"))));
            }
            assertThat(published.rows("select subscription_id, account_id, amount, cast(updated_at as varchar) as updated_at"
                    + " from stg_subscriptions order by subscription_id"))
                    .extracting(r -> tuple(r.get("subscription_id"), r.get("account_id"), r.get("amount").toString(), r.get("updated_at")))
                    .containsExactly(
                            tuple("S1", "A1", "120.00", "2024-03-03 08:00:00+00"),
                            tuple("S2", "A2", "50.00", "2024-03-01 00:00:00+00"),
                            tuple("S3", "A3", "80.00", "2024-03-03 08:00:00+00"));
            // the old version of S1 is kept in landed (history), staging shows the newest
            assertThat(published.count("select * from landed_subscriptions")).isEqualTo(4);
            assertThat(published.rows("select run_date, source_file, rows_read from load_ledger where entity = 'subscriptions' order by run_date"))
                    .extracting(r -> tuple(r.get("run_date").toString(), r.get("source_file"), r.get("rows_read")))
                    .containsExactly(tuple("2024-03-01", "subscriptions.csv", 2L), tuple("2024-03-02", "subscriptions.csv", 2L),
                            tuple("2024-03-03", "subscriptions.csv", 3L));
        }
        try (Stream<Path> archived = Files.walk(warehouse.resolve("raw/subscriptions"))) {
            assertThat(archived.filter(Files::isRegularFile).map(path -> warehouse.relativize(path).getParent().toString()).sorted().toList())
                    .containsExactly("raw/subscriptions/load_date=2024-03-01", "raw/subscriptions/load_date=2024-03-02",
                            "raw/subscriptions/load_date=2024-03-03");
        }
    }

    /** One night's extract; with {@code publish}, the build file replaces the published one, as the publish step does. */
    private static void night(Path warehouse, LocalDate runDate, Path landing, boolean publish) throws Exception {
        try (ExtractionFixture fixture = new ExtractionFixture(warehouse, runDate)) {
            fixture.extraction(0.1).landing(List.of("accounts", "subscriptions"), landing);
            try (Statement statement = fixture.connection.createStatement()) {
                statement.execute("checkpoint");
            }
        }
        if (publish) {
            Files.move(fixture(warehouse, runDate), warehouse.resolve("warehouse.duckdb"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static Path fixture(Path warehouse, LocalDate runDate) {
        return warehouse.resolve("build").resolve("nightly-" + runDate + ".duckdb");
    }

    /** A fresh build file carries over everything published: that is what the next night starts from. */
    private static ExtractionFixture openPublished(Path warehouse, LocalDate runDate) throws Exception {
        return new ExtractionFixture(warehouse, runDate);
    }

    private static String stripHeader(String sql) {
        return sql.substring(sql.indexOf("*/") + 2);
    }
}
