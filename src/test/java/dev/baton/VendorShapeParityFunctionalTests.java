package dev.baton;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import dev.baton.cli.BatonCli;
import dev.baton.generate.LandingGenerator;
import dev.baton.generate.VendorGenerator;
import dev.baton.generate.VendorSummary;
import dev.baton.support.PublishedWarehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One company, two shapes: the nightly job on the canonical files and the vendors job on the same company as
 * Salesforce, Stripe and Zendesk exports give the same revenue totals. Identity resolution links most Stripe customers
 * to their CRM accounts; those it cannot link stay accounts of their own, so the totals never depend on linkage and
 * the per-segment and per-owner figures differ by exactly those customers.
 */
class VendorShapeParityFunctionalTests {

    private static final long SEED = 11;
    private static final int ACCOUNTS = 150;
    private static final YearMonth START = YearMonth.of(2023, 1);
    private static final int MONTHS = 24;
    private static final String RUN_DATE = "2024-12-31";

    @TempDir
    static Path workspace;

    static VendorSummary vendorFiles;
    static PublishedWarehouse canonical;
    static PublishedWarehouse vendors;

    @BeforeAll
    static void runBothShapes() throws Exception {
        // given
        Path canonicalLanding = workspace.resolve("canonical");
        Path vendorLanding = workspace.resolve("vendors");
        new LandingGenerator(SEED, ACCOUNTS, START, MONTHS).writeTo(canonicalLanding);
        vendorFiles = new VendorGenerator(SEED, ACCOUNTS, START, MONTHS).writeTo(vendorLanding);

        // when
        int canonicalExit = BatonCli.execute("run", "--landing", canonicalLanding.toString(), "--warehouse",
                workspace.resolve("canonical-warehouse").toString(), "--run-date", RUN_DATE);
        int vendorExit = BatonCli.execute("run", "--job", "vendors", "--landing", vendorLanding.toString(), "--warehouse",
                workspace.resolve("vendor-warehouse").toString(), "--run-date", RUN_DATE);

        // then
        assertThat(canonicalExit).isZero();
        assertThat(vendorExit).isZero();
        canonical = new PublishedWarehouse(workspace.resolve("canonical-warehouse"));
        vendors = new PublishedWarehouse(workspace.resolve("vendor-warehouse"));
    }

    @Test
    void theMrrBridgeIsEqualEveryMonthEveryColumn() {
        String bridge = "select * from mart_mrr_bridge order by month";
        assertThat(vendors.rows(bridge)).hasSizeGreaterThan(20).isEqualTo(canonical.rows(bridge));
    }

    @Test
    void churnOfAllSegmentsIsEqual() {
        String churn = "select * from mart_churn_monthly where segment = 'all' order by month";
        assertThat(vendors.rows(churn)).hasSizeGreaterThan(20).isEqualTo(canonical.rows(churn));
    }

    @Test
    void cohortNrrIsEqual() {
        String nrr = "select * from mart_cohort_nrr order by cohort_month, months_since_start";
        assertThat(vendors.rows(nrr)).isNotEmpty().isEqualTo(canonical.rows(nrr));
    }

    @Test
    void everyVendorFileBalancesAndNothingIsQuarantined() {
        List<Map<String, Object>> files = vendors.rows("select source_file, sum(rows_read) as rows_read,"
                + " sum(rows_loaded + rows_updated + rows_unchanged + rows_quarantined) as accounted"
                + " from load_reconciliation group by source_file order by source_file");
        assertThat(files).extracting(file -> file.get("source_file")).containsExactlyInAnyOrder(
                "sf_account_data.csv", "sf_opportunity_data.csv", "sf_opportunity_history_data.csv", "customer_data.csv",
                "subscription_data.csv", "subscription_history_data.csv", "organization_data.csv", "ticket_data.csv",
                "handoffs.csv", "spend.csv", "fx_rates.csv", "survey_responses.csv");
        for (Map<String, Object> file : files) {
            assertThat(file.get("accounted")).as("%s", file.get("source_file")).isEqualTo(file.get("rows_read"));
        }
        assertThat(vendors.count("select * from quarantine")).isZero();
        assertThat(vendors.count("select * from audit_results where not passed and severity = 'error'")).isZero();
    }

    @Test
    void perSegmentAndPerOwnerMrrDifferOnlyByTheCustomersLeftUnmatched() {
        // given the customers the generator gave no metadata, a free-mail address and a person's name, or only a domain
        // two CRM accounts share
        long leftUnmatched = vendorFiles.linkage().getOrDefault("stripe none", 0L)
                + vendorFiles.linkage().getOrDefault("stripe ambiguous_domain", 0L);
        String answerKey = "read_csv('" + workspace.resolve("vendors/answer-key/identities.csv") + "', all_varchar = true)";

        // then exactly those are unmatched, and every other customer is on the CRM account the answer key names
        assertThat(vendors.count("select * from identity_map where system = 'stripe' and rule = 'unmatched'"))
                .as("Stripe customers left unmatched by the generator").isEqualTo(leftUnmatched).isPositive();
        assertThat(vendors.count("select * from identity_map inner join " + answerKey + " as answer"
                + " on answer.system = identity_map.system and answer.source_id = identity_map.source_id"
                + " where identity_map.system = 'stripe' and identity_map.rule <> 'unmatched'"
                + " and identity_map.account_id <> answer.crm_account_id")).isZero();
        // and their MRR, moved back to their CRM account's segment and sales owner, makes each equal to the canonical night's
        for (String dimension : List.of("segment", "sales_owner")) {
            String canonicalMrr = "select fct_mrr_month.month_start, dim_account." + dimension + " as dimension,"
                    + " sum(fct_mrr_month.mrr) as mrr from fct_mrr_month inner join dim_account"
                    + " on dim_account.account_id = fct_mrr_month.account_id group by all order by all";
            String vendorMrrRehomed = "select fct_mrr_month.month_start, coalesce(crm." + dimension + ", dim_account." + dimension
                    + ") as dimension, sum(fct_mrr_month.mrr) as mrr from fct_mrr_month inner join dim_account"
                    + " on dim_account.account_id = fct_mrr_month.account_id left join " + answerKey + " as answer"
                    + " on dim_account.is_unmatched and 'stripe:' || answer.source_id = dim_account.account_id"
                    + " left join dim_account as crm on crm.account_id = answer.crm_account_id group by all order by all";
            assertThat(vendors.rows(vendorMrrRehomed)).as(dimension).hasSizeGreaterThan(20).isEqualTo(canonical.rows(canonicalMrr));
        }
        // and without moving them, the difference is the unmatched customers' MRR, under segment unknown
        assertThat(vendors.decimal("select coalesce(sum(fct_mrr_month.mrr), 0) from fct_mrr_month inner join dim_account"
                + " on dim_account.account_id = fct_mrr_month.account_id where dim_account.segment = 'unknown'"))
                .isEqualByComparingTo(vendors.decimal("select coalesce(sum(fct_mrr_month.mrr), 0) from fct_mrr_month"
                        + " inner join dim_account on dim_account.account_id = fct_mrr_month.account_id where dim_account.is_unmatched"))
                .isPositive();
    }
}
