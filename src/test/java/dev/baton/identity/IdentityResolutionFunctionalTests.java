package dev.baton.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import dev.baton.BatonApplication;
import dev.baton.jobs.JobRunner;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole job over the hand-written identities scenario (src/test/resources/scenarios/identities): CRM accounts,
 * Stripe customers and Zendesk organizations land with their own ids, kind: identities links them, and the marts
 * count each company once while the unmatched keep their revenue. A second night moves one link, and says so.
 */
class IdentityResolutionFunctionalTests {

    private static final String JOB = """
            name: identity_night
            description: canonical landing files from three systems, identities resolved
            steps:
              - name: extract-landing
                kind: extract
                with:
                  entities: [accounts, subscriptions, tickets, source_identities]
              - name: resolve-identities
                kind: identities
              - name: build-models
                kind: models
                with:
                  layers: [staging, core, marts]
              - name: run-audits
                kind: audits
              - name: publish
                kind: publish
                with:
                  parquet: [core, marts]
            """;

    @TempDir
    Path workspace;

    @Test
    void eachRuleLinksInItsOrderAndUnmatchedRevenueStays() throws Exception {
        // given
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Files.writeString(project.resolve("jobs/identity_night.yml"), JOB);
        Path landing = Scenarios.copy("identities", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");

        try (ConfigurableApplicationContext context = context(project, warehouse)) {
            // when
            JobRunner.Outcome outcome = context.getBean(JobRunner.class).run("identity_night", LocalDate.parse("2024-03-31"), landing);

            // then every identity has its link and its rule: account_map.csv pins cus_1 to 001B over its metadata's
            // 001A; cus_2 by domain, cus_3 by name, 3600 by external_id; cus_4 (gmail) and cus_5 (a domain 001C and
            // 001D share) match nothing, nor does 3601 (example.org is no CRM domain, yahoo.com is free mail)
            assertThat(outcome.succeeded()).as(outcome.message()).isTrue();
            PublishedWarehouse published = new PublishedWarehouse(warehouse);
            assertThat(published.rows("select system, source_id, account_id, rule, matched_on from identity_map order by system, source_id"))
                    .extracting(r -> tuple(r.get("system"), r.get("source_id"), r.get("account_id"), r.get("rule"), r.get("matched_on")))
                    .containsExactly(
                            tuple("salesforce", "001A", "001A", "system_of_record", null),
                            tuple("salesforce", "001B", "001B", "system_of_record", null),
                            tuple("salesforce", "001C", "001C", "system_of_record", null),
                            tuple("salesforce", "001D", "001D", "system_of_record", null),
                            tuple("stripe", "cus_1", "001B", "crosswalk", null),
                            tuple("stripe", "cus_2", "001A", "domain", "northwind.io"),
                            tuple("stripe", "cus_3", "001B", "name", "cedar labs"),
                            tuple("stripe", "cus_4", "stripe:cus_4", "unmatched", null),
                            tuple("stripe", "cus_5", "stripe:cus_5", "unmatched", null),
                            tuple("zendesk", "3600", "001A", "external_id", "001A"),
                            tuple("zendesk", "3601", "zendesk:3601", "unmatched", null));
            assertThat(published.rows("select source_id, rule, matched_on, candidates from identity_ambiguous"))
                    .extracting(r -> tuple(r.get("source_id"), r.get("rule"), r.get("matched_on"), r.get("candidates")))
                    .containsExactly(tuple("cus_5", "domain", "blueharbor.com", "001C, 001D"));
            assertThat(outcome.message()).contains("stripe cus_5 by domain blueharbor.com matches 001C, 001D");
            // and the accounts: four CRM accounts described by the CRM, three of their own with segment and owners unknown
            assertThat(published.rows("select account_id, account_name, segment, sales_owner, csm_owner, is_unmatched from dim_account"
                    + " order by account_id"))
                    .extracting(r -> tuple(r.get("account_id"), r.get("account_name"), r.get("segment"), r.get("sales_owner"),
                            r.get("csm_owner"), r.get("is_unmatched")))
                    .containsExactly(
                            tuple("001A", "Northwind Analytics Inc", "enterprise", "Dana Reyes", "Sam Cole", false),
                            tuple("001B", "Cedar Labs GmbH", "smb", "Lee Park", "Ana Diaz", false),
                            tuple("001C", "Blue Harbor", "smb", "Lee Park", "Ana Diaz", false),
                            tuple("001D", "Blue Harbor Freight", "mid_market", "Dana Reyes", "Sam Cole", false),
                            tuple("stripe:cus_4", "John Doe", "unknown", "unknown", "unknown", true),
                            tuple("stripe:cus_5", "Pat Lee", "unknown", "unknown", "unknown", true),
                            tuple("zendesk:3601", "Unknown Org", "unknown", "unknown", "unknown", true));
            // and March's MRR per account: 001A = S2 200; 001B = S1 100 + S3 50; the unmatched keep theirs; total 400
            assertThat(published.rows("select account_id, mrr from fct_mrr_month where month_start = date '2024-03-01' order by account_id"))
                    .extracting(r -> tuple(r.get("account_id"), r.get("mrr").toString()))
                    .containsExactly(tuple("001A", "200.000000"), tuple("001B", "150.000000"), tuple("stripe:cus_4", "30.000000"),
                            tuple("stripe:cus_5", "20.000000"));
            assertThat(published.decimal("select closing_mrr from mart_mrr_bridge where month = date '2024-03-01'"))
                    .isEqualByComparingTo("400");
            // and the tickets: T1 on 001A, T2 on an account of its own
            assertThat(published.rows("select ticket_id, account_id from fct_ticket order by ticket_id"))
                    .extracting(r -> tuple(r.get("ticket_id"), r.get("account_id")))
                    .containsExactly(tuple("T1", "001A"), tuple("T2", "zendesk:3601"));
            // and coverage: stripe unmatched = 30 + 20 = 50 of 400 = 12.5 %; crosswalk and name both link 001B (150)
            assertThat(published.rows("select system, rule, identities, accounts, mrr, mrr_share from mart_identity_coverage"
                    + " order by system, rule"))
                    .extracting(r -> tuple(r.get("system"), r.get("rule"), r.get("identities"), r.get("accounts"), r.get("mrr").toString(),
                            r.get("mrr_share") == null ? null : r.get("mrr_share").toString()))
                    .containsExactly(
                            tuple("salesforce", "system_of_record", 4L, 4L, "350.000000", "0.875000"),
                            tuple("stripe", "crosswalk", 1L, 1L, "150.000000", "0.375000"),
                            tuple("stripe", "domain", 1L, 1L, "200.000000", "0.500000"),
                            tuple("stripe", "name", 1L, 1L, "150.000000", "0.375000"),
                            tuple("stripe", "unmatched", 2L, 2L, "50.000000", "0.125000"),
                            tuple("zendesk", "external_id", 1L, 1L, "200.000000", "0.500000"),
                            tuple("zendesk", "unmatched", 1L, 1L, "0.000000", "0.000000"));
            // and 12.5 % unmatched is more than 5 %: the warn audit has the one row, and no error audit failed
            assertThat(published.row("select failing_rows, severity from audit_results"
                    + " where audit_name = 'mart_identity_coverage__unmatched_mrr_at_most_five_percent'"))
                    .containsEntry("failing_rows", 1L).containsEntry("severity", "warn");
            assertThat(published.count("select * from audit_results where severity = 'error' and not passed")).isZero();
        }
    }

    @Test
    void aLinkThatMovesBetweenNightsIsReported() throws Exception {
        // given night 1 published: cus_2 linked to 001A by its domain northwind.io
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Files.writeString(project.resolve("jobs/identity_night.yml"), JOB);
        Path landing = Scenarios.copy("identities", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        try (ConfigurableApplicationContext context = context(project, warehouse)) {
            JobRunner runner = context.getBean(JobRunner.class);
            assertThat(runner.run("identity_night", LocalDate.parse("2024-03-31"), landing).succeeded()).isTrue();
            // and night 2's export says cus_2 now pays from cedarlabs.de
            Files.delete(landing.resolve("source_identities.csv"));
            Files.writeString(landing.resolve("source_identities_2.csv"), """
                    system,source_id,kind,name,domains,external_system,external_id,updated_at
                    stripe,cus_2,customer,Jane Roe,cedarlabs.de,,,2024-04-01T09:00:00Z
                    """);

            // when
            JobRunner.Outcome outcome = runner.run("identity_night", LocalDate.parse("2024-04-02"), landing);

            // then the link moved to 001B, and the run, identity_changes and the marts say so
            assertThat(outcome.succeeded()).as(outcome.message()).isTrue();
            assertThat(outcome.message()).contains("1 identity link(s) changed since the previous published night")
                    .contains("stripe cus_2 moved from 001A (domain) to 001B (domain)");
            PublishedWarehouse published = new PublishedWarehouse(warehouse);
            assertThat(published.rows("select run_date, system, source_id, previous_account_id, previous_rule, account_id, rule"
                    + " from identity_changes"))
                    .extracting(r -> tuple(r.get("run_date").toString(), r.get("source_id"), r.get("previous_account_id"),
                            r.get("account_id"), r.get("rule")))
                    .containsExactly(tuple("2024-04-02", "cus_2", "001A", "001B", "domain"));
            // 001B = S1 100 + S2 200 + S3 50; 001A has nothing left in April
            assertThat(published.rows("select account_id, mrr from fct_mrr_month where month_start = date '2024-04-01' and mrr > 0"
                    + " order by account_id"))
                    .extracting(r -> tuple(r.get("account_id"), r.get("mrr").toString()))
                    .containsExactly(tuple("001B", "350.000000"), tuple("stripe:cus_4", "30.000000"), tuple("stripe:cus_5", "20.000000"));
        }
    }

    private static ConfigurableApplicationContext context(Path project, Path warehouse) {
        return new SpringApplicationBuilder(BatonApplication.class)
                .web(WebApplicationType.NONE).run("--baton.warehouse=" + warehouse,
                        "--baton.project-dir=" + project,
                        "--spring.datasource.url=jdbc:h2:file:" + warehouse.resolve("state/batch"));
    }
}
