package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.baton.jobs.JobDefinition.StepDefinition;
import dev.baton.warehouse.ProjectFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One night from several sources: each mapping reads its own folder under the landing folder (the mapping's name,
 * or the folder the job names), a JDBC source its database (real PostgreSQL), canonical files come from the landing
 * folder itself, and a folder cannot lead out.
 */
class SeveralSourcesIntegrationTests {

    private static final Path EXPORTS = Path.of("reference-data", "exports");

    @TempDir
    Path temp;

    private static SourceMapping mapping(String name) {
        return SourceMapping.read(new ProjectFiles(Path.of(".")), name);
    }

    private static void copyFolder(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            // the export files only: the samples' LICENSE and SOURCE.txt would be reported as unclaimed
            for (Path file : files.filter(file -> file.toString().endsWith(".csv")).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    @Test
    void eachMappingReadsItsFolderAndCanonicalFilesTheLandingFolder() throws Exception {
        // given: the Salesforce sample in its default folder, the Zendesk sample in a folder the job names
        Path landing = temp.resolve("landing");
        copyFolder(EXPORTS.resolve("salesforce"), landing.resolve("salesforce"));
        copyFolder(EXPORTS.resolve("zendesk"), landing.resolve("helpdesk"));
        Files.writeString(landing.resolve("fx_rates.csv"), "date,currency,rate_to_reporting\n2024-12-31,EUR,1.05\n");
        Files.writeString(landing.resolve("helpdesk/notes.txt"), "not an export file\n");
        List<NightSource> sources = List.of(
                new MappedFolder(mapping("salesforce"), MappedFolder.relativeFolder("extract", "salesforce")),
                new MappedFolder(mapping("zendesk"), MappedFolder.relativeFolder("extract", "helpdesk")));

        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), LocalDate.of(2025, 1, 1))) {
            // when
            Extraction extraction = fixture.extraction(1.0);
            List<DeliveryLoader.Delivery> deliveries = extraction.sources(sources, List.of("fx_rates"), landing, System::getenv);

            // then: fx rates first, then each mapping in the job's order, accounts before the rest
            assertThat(deliveries).extracting(d -> tuple(d.entity(), d.sourceFile(), d.rowsRead(), d.rowsLoaded()
                    + d.rowsUpdated() + d.rowsUnchanged() + d.rowsQuarantined()))
                    .containsExactly(
                            tuple("fx_rates", "fx_rates.csv", 1L, 1L),
                            tuple("accounts", "sf_account_data.csv", 10L, 10L),
                            tuple("deals", "sf_opportunity_data.csv", 10L, 10L),
                            tuple("deals", "sf_opportunity_history_data.csv", 10L, 10L),
                            tuple("source_identities", "sf_account_data.csv", 10L, 10L),
                            tuple("accounts", "organization_data.csv", 10L, 10L),
                            tuple("tickets", "ticket_data.csv", 10L, 10L),
                            tuple("source_identities", "organization_data.csv", 10L, 10L));
            assertThat(fixture.value("select count(*) from landed_accounts")).isEqualTo(20L);
            assertThat(extraction.unclaimed()).containsExactly("helpdesk/notes.txt");
        }
    }

    @Test
    void aDatabaseCrmAndAHelpdeskExportInOneNight() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            // given: the CRM's accounts in PostgreSQL, the helpdesk export in <landing>/zendesk/
            try (Connection pg = postgres.getPostgresDatabase().getConnection(); Statement statement = pg.createStatement()) {
                statement.execute("create table accounts (account_id text, account_name text, updated_at timestamptz)");
                statement.execute("insert into accounts values ('0015500000Xyy06AAB', 'Acme', '2024-03-01 10:00:00+00'),"
                        + " ('0015500000Ygpq1AAB', 'Beta', '2024-03-01 11:00:00+00')");
            }
            Path project = Files.createDirectories(temp.resolve("project/jobs/sources"));
            Files.writeString(project.resolve("crm_db.yml"), """
                    name: crm_db
                    kind: jdbc
                    url_variable: TEST_CRM_URL
                    user_variable: TEST_CRM_USER
                    password_variable: TEST_CRM_PASSWORD
                    entities:
                      accounts:
                        table: accounts
                    """);
            Map<String, String> environment = Map.of("TEST_CRM_URL", postgres.getJdbcUrl("postgres", "postgres"),
                    "TEST_CRM_USER", "postgres", "TEST_CRM_PASSWORD", "postgres");
            Path landing = temp.resolve("landing");
            copyFolder(EXPORTS.resolve("zendesk"), landing.resolve("zendesk"));
            List<NightSource> sources = List.of(
                    new NightSource.Database(JdbcSource.read(new ProjectFiles(temp.resolve("project")), "crm_db")),
                    new MappedFolder(mapping("zendesk"), Path.of("zendesk")));

            try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), LocalDate.of(2025, 1, 1))) {
                // when
                List<DeliveryLoader.Delivery> deliveries = fixture.extraction(1.0).sources(sources, List.of(), landing,
                        environment::get);

                // then: in the job's order; the sample's tickets name organizations it does not export
                assertThat(deliveries).extracting(d -> tuple(d.entity(), d.sourceFile(), d.rowsRead(), d.rowsLoaded(), d.rowsQuarantined()))
                        .containsExactly(
                                tuple("accounts", "crm_db:accounts", 2L, 2L, 0L),
                                tuple("accounts", "organization_data.csv", 10L, 10L, 0L),
                                tuple("tickets", "ticket_data.csv", 10L, 0L, 10L),
                                tuple("source_identities", "organization_data.csv", 10L, 10L, 0L));
                assertThat(fixture.value("select count(*) from landed_accounts")).isEqualTo(12L);
            }
        }
    }

    @Test
    void aFolderOutsideTheLandingFolderIsRefused() throws Exception {
        assertThatThrownBy(() -> MappedFolder.relativeFolder("extract", "../elsewhere"))
                .hasMessage("step 'extract': source folder '../elsewhere' must be a folder inside the landing folder");
        assertThatThrownBy(() -> MappedFolder.relativeFolder("extract", "/etc"))
                .hasMessageContaining("must be a folder inside the landing folder");
        // a link inside the landing folder that leads out of it
        Path landing = Files.createDirectories(temp.resolve("landing"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(landing.resolve("stripe"), outside);
        MappedFolder linked = new MappedFolder(mapping("stripe"), Path.of("stripe"));
        assertThatThrownBy(() -> linked.resolve(landing)).hasMessageContaining("is not a folder inside the landing folder");
    }

    @Test
    void twoSourcesDeliveringOneEntityFromFilesOfTheSameNameAreRefused() throws Exception {
        // given: two Stripe accounts, each in its own folder; reconciliation knows a delivery by entity and file name
        List<NightSource> sources = List.of(new MappedFolder(mapping("stripe"), Path.of("stripe-us")),
                new MappedFolder(mapping("stripe"), Path.of("stripe-eu")));

        try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), LocalDate.of(2025, 1, 1))) {
            assertThatThrownBy(() -> fixture.extraction(1.0).sources(sources, List.of(), temp, System::getenv))
                    .hasMessage("Source mappings stripe (stripe-us) and stripe (stripe-eu) both deliver accounts from a file"
                            + " named customer_data.csv; one night can read only one of them");
        }
    }

    @Test
    void aSourceEntryTakesOnlySourceAndFolder() {
        StepDefinition step = new StepDefinition("extract", "extract", Map.of("sources",
                List.of(Map.of("source", "stripe"), Map.of("source", "zendesk", "folder", "helpdesk"))));
        ExtractOptions options = step.options(ExtractOptions.class);
        assertThat(options.sources()).extracting(ExtractOptions.SourceFolder::folderOrDefault).containsExactly("stripe", "helpdesk");

        StepDefinition misspelt = new StepDefinition("extract", "extract", Map.of("sources", List.of(Map.of("source", "stripe",
                "fodler", "billing"))));
        assertThatThrownBy(() -> misspelt.options(ExtractOptions.class)).hasMessageContaining("fodler");
    }
}
