package dev.baton.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audits carry a severity: an error audit returning rows fails the night, a warn audit's rows are listed in the run
 * summary, {@code audit_results} and {@code baton status}. Scenario {@code implausible}, run for 2024-04-15:
 * <ul>
 * <li>organic O1..O10 and partner P1..P4 each pay 100 from 2024-01-01: the January cohort is 14 accounts, 1,400;</li>
 * <li>O1 adds three 1,200 add-ons on 2024-02-01: 4 subscriptions in force that day, O1 pays 3,700;</li>
 * <li>P1, P2, P3 end 2024-02-10 (3 partner churns in February); O10 ends 2024-03-15 (the one organic churn).</li>
 * </ul>
 */
class AuditSeverityFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void warnAuditsAreListedAndTheNightIsPublished() throws Exception {
        Path landing = Scenarios.copy("implausible", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");

        Scenarios.Captured run = Scenarios.capture(() -> BatonCli.execute("run", "--landing", landing.toString(), "--warehouse",
                warehouse.toString(), "--run-date", "2024-04-15"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        // cohort 2024-01 NRR: February (3,700 + 8 x 100 + O10 100 + P4 100) / 1,400 = 4,700 / 1,400 = 3.357;
        // March and April without O10: 4,600 / 1,400 = 3.286. Three months above 3 in a cohort of 14.
        assertThat(failingRows(published, "mart_cohort_nrr__nrr_at_most_three")).isEqualTo(3);
        // O1 on 2024-02-01: S-O1 and S-O1-b, -c, -d in force; every other start day has 1 subscription in force
        assertThat(failingRows(published, "fct_subscription_period__at_most_three_overlapping")).isEqualTo(1);
        // organic's LTV rests on 1 churn (O10, March) in every month it has one; partner's on the 3 February churns
        // from February on (6-month window), so only a January partner LTV, if one is given, rests on fewer than 3
        long organicLtvs = published.count("select * from mart_ltv_cac where acquisition_channel = 'organic' and ltv is not null");
        long januaryPartnerLtvs = published.count(
                "select * from mart_ltv_cac where acquisition_channel = 'partner' and month = date '2024-01-01' and ltv is not null");
        assertThat(organicLtvs).as("March and April at least").isGreaterThanOrEqualTo(2);
        assertThat(failingRows(published, "mart_ltv_cac__ltv_rests_on_three_churns")).isEqualTo(organicLtvs + januaryPartnerLtvs);
        assertThat(published.rows("select distinct severity from audit_results where not passed")).containsExactly(Map.of("severity", "warn"));
        assertThat(published.count("select * from audit_results where passed and severity = 'error'")).isPositive();

        assertThat(run.out()).contains("3 warning(s)")
                .contains("warning: run-audits: audit mart_cohort_nrr__nrr_at_most_three returned 3 row(s)")
                .contains("warning: run-audits: audit fct_subscription_period__at_most_three_overlapping returned 1 row(s), e.g. {account_id=O1, on_day=2024-02-01, subscriptions_in_force=4}")
                .contains("warning: run-audits: audit mart_ltv_cac__ltv_rests_on_three_churns returned");

        Scenarios.Captured status = Scenarios.capture(() -> BatonCli.execute("status", "--warehouse", warehouse.toString()));
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("0 failed, 3 warned")
                .contains("warning: audit mart_cohort_nrr__nrr_at_most_three returned 3 row(s)")
                .contains("warning: audit fct_subscription_period__at_most_three_overlapping returned 1 row(s)");
    }

    @Test
    void anAuditWithoutASeverityIsAnErrorAndFailsTheNight() throws Exception {
        Path landing = Scenarios.copy("implausible", workspace.resolve("landing"));
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Path audit = project.resolve("sql/audits/dim_month__none_at_all.sql");
        Files.writeString(audit, "-- Fails whenever there is a month, to prove error audits stop the night.\nselect month_start from dim_month\n");

        Scenarios.Captured failed = night(landing, project, "2024-04-15");

        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains("audit failed, nothing published: dim_month__none_at_all returned");
        assertThat(workspace.resolve("warehouse/warehouse.duckdb")).doesNotExist();

        // the same audit as a warning: the restarted night publishes and lists it
        Files.writeString(audit, "-- severity: warn\n" + Files.readString(audit));
        Scenarios.Captured warned = night(landing, project, "2024-04-15");

        assertThat(warned.exitCode()).as(warned.err()).isZero();
        assertThat(warned.out()).contains("warning: run-audits: audit dim_month__none_at_all returned");
        assertThat(new PublishedWarehouse(workspace.resolve("warehouse"))
                .row("select severity, passed from audit_results where audit_name = 'dim_month__none_at_all'"))
                .isEqualTo(Map.of("severity", "warn", "passed", false));

        // a severity that is neither error nor warn is named with its file
        Files.writeString(audit, Files.readString(audit).replace("severity: warn", "severity: loud"));
        Scenarios.Captured bad = night(landing, project, "2024-04-16");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("sql/audits/dim_month__none_at_all.sql: severity is error or warn, got 'loud'");
    }

    private Scenarios.Captured night(Path landing, Path project, String runDate) throws Exception {
        return Scenarios.capture(() -> BatonCli.execute("run", "--landing", landing.toString(), "--project-dir", project.toString(),
                "--warehouse", workspace.resolve("warehouse").toString(), "--run-date", runDate));
    }

    private static long failingRows(PublishedWarehouse published, String audit) {
        Map<String, Object> row = published.row("select failing_rows, passed, severity from audit_results where audit_name = '" + audit + "'");
        assertThat(row.get("severity")).as(audit).isEqualTo("warn");
        return ((Number) row.get("failing_rows")).longValue();
    }
}
