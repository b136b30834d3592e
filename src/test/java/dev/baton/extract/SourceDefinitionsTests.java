package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.baton.warehouse.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every shipped source mapping parses and names files and SELECTs that exist; bad definitions fail clearly. */
class SourceDefinitionsTests {

    private final ProjectFiles project = new ProjectFiles(Path.of("."));

    @Test
    void everyShippedMappingLoads() {
        for (String name : List.of("ravenstack", "salesforce", "hubspot", "stripe", "zendesk")) {
            SourceMapping mapping = SourceMapping.read(project, name);
            assertThat(mapping.deliveries()).isNotEmpty();
            mapping.deliveries().values().forEach(delivery -> {
                assertThat(delivery.select()).as(name + " " + delivery.sql()).contains("_line_number");
                assertThat(mapping.files()).containsKey(delivery.from());
            });
        }
        assertThat(SourceMapping.read(project, "salesforce").deliveries().get("deal_history").entity()).isEqualTo("deals");
        // the copies packed into the jar (classpath) carry the mappings' SELECTs too
        assertThat(SourceMapping.read(new ProjectFiles(null), "zendesk").deliveries().get("tickets").select())
                .contains("zendesk_ticket_field_history");
    }

    @Test
    void aMappingCannotReachOutsideTheLandingFolder(@TempDir Path temp) throws Exception {
        Path sources = Files.createDirectories(temp.resolve("jobs/sources/evil"));
        Files.writeString(sources.resolve("accounts.sql"), "select 1 as account_id, 1 as _line_number");
        Files.writeString(temp.resolve("jobs/sources/evil.yml"), """
                name: evil
                files:
                  passwd: ../../etc/passwd
                deliveries:
                  accounts: {from: passwd, sql: evil/accounts.sql}
                """);
        assertThatThrownBy(() -> SourceMapping.read(new ProjectFiles(temp), "evil"))
                .hasMessageContaining("must be a plain file name inside the landing folder");
    }

    @Test
    void aJdbcSourceNeedsEitherATableOrAQuery(@TempDir Path temp) throws Exception {
        Files.createDirectories(temp.resolve("jobs/sources"));
        Files.writeString(temp.resolve("jobs/sources/crm.yml"), """
                name: crm
                kind: jdbc
                url_variable: CRM_URL
                entities:
                  deals: {table: "deals; drop table x"}
                """);
        assertThatThrownBy(() -> JdbcSource.read(new ProjectFiles(temp), "crm"))
                .hasMessageContaining("Not a valid identifier");
    }

    @Test
    void aJdbcLookBackMustBeANonNegativeIsoDuration(@TempDir Path temp) throws Exception {
        Files.createDirectories(temp.resolve("jobs/sources"));
        Files.writeString(temp.resolve("jobs/sources/crm.yml"), """
                name: crm
                kind: jdbc
                url_variable: CRM_URL
                entities:
                  deals: {table: crm.deals, look_back: 1 hour}
                """);
        assertThatThrownBy(() -> JdbcSource.read(new ProjectFiles(temp), "crm"))
                .hasMessageContaining("jobs/sources/crm.yml: entity deals: look_back must be an ISO-8601 duration such as PT1H, got '1 hour'");
        Files.writeString(temp.resolve("jobs/sources/crm.yml"), """
                name: crm
                kind: jdbc
                url_variable: CRM_URL
                entities:
                  deals: {table: crm.deals, look_back: -PT1H}
                """);
        assertThatThrownBy(() -> JdbcSource.read(new ProjectFiles(temp), "crm"))
                .hasMessageContaining("look_back must not be negative, got -PT1H");
    }

    @Test
    void aMisspeltMappingPropertyIsNamedInOneLineWithItsPlaceAndTheNearestValidOne(@TempDir Path temp) throws Exception {
        Path sources = Files.createDirectories(temp.resolve("jobs/sources/crm"));
        Files.writeString(sources.resolve("accounts.sql"), "select 1 as account_id, 1 as _line_number");
        Files.writeString(temp.resolve("jobs/sources/crm.yml"), """
                name: crm
                files:
                  crm_account: accounts.csv
                deliveries:
                  accounts: {form: crm_account, sql: crm/accounts.sql}
                """);

        assertThatThrownBy(() -> SourceMapping.read(new ProjectFiles(temp), "crm"))
                .hasMessage("jobs/sources/crm.yml: line 5: unknown option 'form' under deliveries.accounts; did you mean 'from'?"
                        + " (valid: entity, from, select, sql)");
    }
}
