package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import dev.baton.warehouse.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shipped source mapping loads its sample from reference-data, unedited, through the same typing and
 * quarantine path as canonical files. Counts and values were read off the export files by hand.
 */
class SourceMappingIntegrationTests {

    private static final Path DATA = Path.of("reference-data");
    private static final LocalDate RUN_DATE = LocalDate.of(2025, 1, 1);

    @TempDir
    Path temp;

    private List<DeliveryLoader.Delivery> load(ExtractionFixture fixture, String mapping, Path folder) throws Exception {
        SourceMapping definition = SourceMapping.read(new ProjectFiles(Path.of(".")), mapping);
        return fixture.extraction(1.0).mapping(definition, folder);
    }

    @Test
    void ravenstack() throws Exception {
        try (ExtractionFixture fixture = new ExtractionFixture(temp, RUN_DATE)) {
            // when
            List<DeliveryLoader.Delivery> deliveries = load(fixture, "ravenstack", DATA.resolve("ravenstack"));

            // then
            assertThat(deliveries).extracting(d -> tuple(d.entity(), d.sourceFile(), d.rowsRead(), d.rowsLoaded(), d.rowsQuarantined()))
                    .containsExactly(
                            tuple("accounts", "ravenstack_accounts.csv", 500L, 500L, 0L),
                            tuple("subscriptions", "ravenstack_subscriptions.csv", 5000L, 5000L, 0L),
                            tuple("tickets", "ravenstack_support_tickets.csv", 2000L, 2000L, 0L));
            assertThat(fixture.rows("select account_name, industry, country, acquisition_channel, cast(created_at as date) as created"
                    + " from landed_accounts where account_id = 'A-2e4581'"))
                    .extracting(r -> tuple(r.get("account_name"), r.get("industry"), r.get("country"), r.get("acquisition_channel"), r.get("created").toString()))
                    .containsExactly(tuple("Company_0", "EdTech", "US", "partner", "2024-10-16"));
            // S-8cec59,A-3c1a3f,2023-12-23,2024-04-12,Enterprise,14,2786,33432,...,monthly
            assertThat(fixture.rows("select plan, amount, billing_period_months, start_date, end_date, status from landed_subscriptions"
                    + " where subscription_id = 'S-8cec59'"))
                    .extracting(r -> tuple(r.get("plan"), r.get("amount").toString(), r.get("billing_period_months"), r.get("start_date").toString(),
                            r.get("end_date").toString(), r.get("status")))
                    .containsExactly(tuple("enterprise", "2786.00", 1, "2023-12-23", "2024-04-12", "active"));
            // T-d5e12f,A-0f3e88,2024-10-17,2024-10-17 19:00:00,19.0,urgent,93,4.0,False
            assertThat(fixture.rows("select account_id, cast(first_response_at as varchar) as first_response_at, solved_at, status, priority, csat_score from landed_tickets"
                    + " where ticket_id = 'T-d5e12f'"))
                    .extracting(r -> tuple(r.get("account_id"), r.get("first_response_at").toString(), r.get("status"), r.get("priority"), r.get("csat_score")))
                    .containsExactly(tuple("A-0f3e88", "2024-10-17 01:33:00+00", "solved", "urgent", 4));
        }
    }

    @Test
    void salesforce() throws Exception {
        try (ExtractionFixture fixture = new ExtractionFixture(temp, RUN_DATE)) {
            // when
            List<DeliveryLoader.Delivery> deliveries = load(fixture, "salesforce", DATA.resolve("exports/salesforce"));

            // then
            assertThat(deliveries).extracting(d -> tuple(d.entity(), d.sourceFile(), d.rowsRead(), d.rowsLoaded(), d.rowsUpdated(), d.rowsQuarantined()))
                    .containsExactly(
                            tuple("accounts", "sf_account_data.csv", 10L, 10L, 0L, 0L),
                            tuple("deals", "sf_opportunity_data.csv", 10L, 10L, 0L, 0L),
                            // every history row differs from the current version at least in updated_at
                            tuple("deals", "sf_opportunity_history_data.csv", 10L, 0L, 10L, 0L),
                            // every account is also a source identity (docs/identity.md)
                            tuple("source_identities", "sf_account_data.csv", 10L, 10L, 0L, 0L));
            assertThat(fixture.rows("select account_name, acquisition_channel from landed_accounts where account_id = '0015500000Ygpq1AAB'"))
                    .extracting(r -> tuple(r.get("account_name"), r.get("acquisition_channel")))
                    .containsExactly(tuple("Seinfeld", "TDK+SgtPSM3Vk67zX9aeRA=="));
            assertThat(fixture.rows("select amount, stage, is_won, cast(closed_at as varchar) as closed_at, cast(updated_at as varchar) as updated_at"
                    + " from landed_deals where deal_id = '006q000000HddohAAB' order by updated_at"))
                    .extracting(r -> tuple(r.get("amount").toString(), r.get("stage"), r.get("is_won"), r.get("closed_at"), r.get("updated_at")))
                    .containsExactly(
                            tuple("24120000.00", "GavUFuuf4DrnQAoiRGlWpQ==", true, "2018-12-19 00:00:00+00", "2019-04-04 18:47:01+00"),
                            tuple("24120000.00", "GavUFuuf4DrnQAoiRGlWpQ==", true, "2018-12-19 00:00:00+00", "2019-10-17 21:10:19+00"));
        }
    }

    @Test
    void hubspot() throws Exception {
        try (ExtractionFixture fixture = new ExtractionFixture(temp, RUN_DATE)) {
            // when
            List<DeliveryLoader.Delivery> deliveries = load(fixture, "hubspot", DATA.resolve("exports/hubspot"));

            // then
            assertThat(deliveries).extracting(d -> tuple(d.entity(), d.sourceFile(), d.rowsRead(), d.rowsLoaded(), d.rowsUpdated(), d.rowsQuarantined()))
                    .containsExactly(
                            tuple("accounts", "company_data.csv", 24L, 24L, 0L, 0L),
                            // the sample's deals name no company and no stage, and its stage changes name deals not exported
                            tuple("deals", "deal_data.csv", 44L, 0L, 0L, 44L),
                            tuple("deals", "deal_stage_data.csv", 14L, 0L, 0L, 14L),
                            tuple("source_identities", "company_data.csv", 24L, 24L, 0L, 0L));
            assertThat(fixture.rows("select country, cast(updated_at as varchar) as updated_at from landed_accounts where account_id = '2182162682'"))
                    .extracting(r -> tuple(r.get("country"), r.get("updated_at")))
                    .containsExactly(tuple("United States", "2020-12-30 03:15:52+00"));
            assertThat(fixture.rows("select column_name, reason from quarantine where source_file = 'deal_data.csv' and line_number = 2 order by column_name"))
                    .extracting(r -> tuple(r.get("column_name"), r.get("reason")))
                    .containsExactly(tuple("account_id", "missing required value"), tuple("stage", "missing required value"));
        }
    }

    @Test
    void zendesk() throws Exception {
        try (ExtractionFixture fixture = new ExtractionFixture(temp, RUN_DATE)) {
            // when
            List<DeliveryLoader.Delivery> deliveries = load(fixture, "zendesk", DATA.resolve("exports/zendesk"));

            // then
            assertThat(deliveries).extracting(d -> tuple(d.entity(), d.sourceFile(), d.rowsRead(), d.rowsLoaded(), d.rowsUpdated(), d.rowsQuarantined()))
                    .containsExactly(
                            tuple("accounts", "organization_data.csv", 10L, 10L, 0L, 0L),
                            // the sample's tickets belong to organizations it does not export
                            tuple("tickets", "ticket_data.csv", 10L, 0L, 0L, 10L),
                            tuple("source_identities", "organization_data.csv", 10L, 10L, 0L, 0L));
            assertThat(fixture.value("select account_name from landed_accounts where account_id = '370326104793'")).isEqualTo("name1");
            assertThat(fixture.rows("select distinct column_name, reason from quarantine where source_file = 'ticket_data.csv' order by reason"))
                    .extracting(r -> tuple(r.get("column_name"), r.get("reason")))
                    .containsExactly(tuple("account_id", "missing required value"),
                            tuple("account_id", "unknown account: no accounts row has this account_id"));
        }
    }

    @Test
    void stripe() throws Exception {
        try (ExtractionFixture fixture = new ExtractionFixture(temp, RUN_DATE)) {
            // when
            List<DeliveryLoader.Delivery> deliveries = load(fixture, "stripe", DATA.resolve("exports/stripe"));

            // then
            assertThat(deliveries).extracting(d -> tuple(d.entity(), d.sourceFile(), d.rowsRead(), d.rowsLoaded(), d.rowsUpdated(), d.rowsQuarantined()))
                    .containsExactly(
                            tuple("accounts", "customer_data.csv", 12L, 12L, 0L, 0L),
                            // no invoice line item of the sample names these subscriptions, so they have no price
                            tuple("subscriptions", "subscription_data.csv", 2L, 0L, 0L, 2L),
                            tuple("subscriptions", "subscription_history_data.csv", 2L, 0L, 0L, 2L),
                            tuple("source_identities", "customer_data.csv", 12L, 12L, 0L, 0L));
            assertThat(fixture.value("select cast(created_at as varchar) from landed_accounts where account_id = 'cus_ImVzJQmSlYHjZL'"))
                    .isEqualTo("2021-01-18 12:35:30+00");
            assertThat(fixture.rows("select column_name, reason from quarantine where source_file = 'subscription_data.csv' and line_number = 2"
                    + " order by column_name"))
                    .extracting(r -> tuple(r.get("column_name"), r.get("reason")))
                    .containsExactly(tuple("amount", "missing required value"), tuple("billing_period_months", "missing required value"),
                            tuple("currency", "missing required value"));
        }
    }
}
