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
 * Salesforce, Stripe and Zendesk exports give the same revenue totals. Without identity resolution every Stripe
 * customer is an account of its own, which the bridge, churn and cohort totals do not depend on.
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
}
