package dev.baton.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTests {

    @Test
    void passwordsInJdbcUrlsAreHiddenAndTheRestKept() {
        assertThat(Redaction.redact("No suitable driver found for jdbc:postgresq://bob:pa55@db:5432/crm"))
                .isEqualTo("No suitable driver found for jdbc:postgresq://bob:***@db:5432/crm");
        assertThat(Redaction.redact("jdbc:postgresql://db/crm?user=bob&password=pa55&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/crm?user=bob&password=***&ssl=true");
        assertThat(Redaction.redact("jdbc:sqlserver://db;user=bob;Password=pa55;database=crm"))
                .isEqualTo("jdbc:sqlserver://db;user=bob;Password=***;database=crm");
        assertThat(Redaction.redact("jdbc:h2:file:/var/baton/metadata;WRITE_DELAY=0")).isEqualTo("jdbc:h2:file:/var/baton/metadata;WRITE_DELAY=0");
        assertThat(Redaction.redact("see https://duckdb.org/docs for details")).isEqualTo("see https://duckdb.org/docs for details");
    }
}
