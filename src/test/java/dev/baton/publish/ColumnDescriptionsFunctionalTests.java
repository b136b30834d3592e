package dev.baton.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The column descriptions of {@code sql/<layer>/<model>.yml} reach readers: JDBC tools see them as REMARKS on the
 * published {@code warehouse.duckdb} and on the views of {@code reporting.duckdb}, {@code baton catalog} prints them, and
 * a night that would publish an undescribed column fails its audit. Scenario {@code four_accounts}, run date 2024-04-15.
 */
class ColumnDescriptionsFunctionalTests {

    /** The scenario has a malformed ticket row on purpose. */
    private static final String QUARANTINE = "-Dbaton.extract.max-quarantined-share=0.5";
    private static final String CLOSING_MRR = "MRR at the end of the month (the run month: on the run date), reporting currency.";

    @TempDir
    static Path workspace;

    static Path warehouse;

    @BeforeAll
    static void publishOneNight() throws Exception {
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        warehouse = workspace.resolve("warehouse");
        Scenarios.Captured run = Scenarios.capture(() -> BatonCli.execute("run", "--landing", landing.toString(), "--warehouse",
                warehouse.toString(), "--run-date", "2024-04-15", QUARANTINE));
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void jdbcMetadataOfThePublishedFileShowsTheDescriptions() throws Exception {
        // given / when
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + warehouse.resolve("warehouse.duckdb") + ";access_mode=READ_ONLY")) {
            DatabaseMetaData metaData = connection.getMetaData();

            // then
            assertThat(remarks(metaData, "mart_mrr_bridge", "closing_mrr")).containsExactly(CLOSING_MRR);
            assertThat(remarks(metaData, "bi_revenue_bridge", "net_new_mrr")).containsExactly("closing_mrr - opening_mrr, reporting currency.");
            assertThat(remarks(metaData, "mart_nps_monthly", "nps"))
                    .containsExactly("Net Promoter Score, % promoters minus % detractors (-100..100); empty without responses.");
            try (ResultSet tables = metaData.getTables(null, "main", "mart_mrr_bridge", null)) {
                assertThat(tables.next()).isTrue();
                assertThat(tables.getString("REMARKS"))
                        .isEqualTo("Monthly MRR bridge: opening + new + expansion - contraction - churn + reactivation + fx = closing.");
            }
        }
        // every published column has one: the audit passed
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        assertThat(published.count("select * from audit_results where audit_name = 'published_columns__have_descriptions'"
                + " and passed and severity = 'error'")).isOne();
    }

    @Test
    void theReportingCatalogViewsCarryTheSameDescriptions() throws Exception {
        // given / when
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + warehouse.resolve("reporting.duckdb") + ";access_mode=READ_ONLY")) {
            DatabaseMetaData metaData = connection.getMetaData();

            // then: a view over a Parquet table and a bi view
            assertThat(remarks(metaData, "mart_mrr_bridge", "closing_mrr")).containsExactly(CLOSING_MRR);
            assertThat(remarks(metaData, "bi_revenue_bridge", "net_new_mrr")).containsExactly("closing_mrr - opening_mrr, reporting currency.");
        }
    }

    @Test
    void catalogListsTablesAndOneTablesColumns() throws Exception {
        // when
        Scenarios.Captured tables = Scenarios.capture(() -> BatonCli.execute("catalog", "--warehouse", warehouse.toString()));
        Scenarios.Captured columns = Scenarios.capture(() -> BatonCli.execute("catalog", "--warehouse", warehouse.toString(), "mart_mrr_bridge"));
        Scenarios.Captured unknown = Scenarios.capture(() -> BatonCli.execute("catalog", "--warehouse", warehouse.toString(), "mart_nothing"));

        // then
        assertThat(tables.exitCode()).as(tables.err()).isZero();
        assertThat(tables.out()).containsPattern("mart_mrr_bridge +\\| table \\| Monthly MRR bridge: opening")
                .containsPattern("bi_revenue_bridge +\\| view +\\| For dashboards")
                .doesNotContain("landed_accounts");
        assertThat(columns.exitCode()).as(columns.err()).isZero();
        assertThat(columns.out()).startsWith("mart_mrr_bridge (table): Monthly MRR bridge")
                .containsPattern("closing_mrr +\\| DECIMAL\\(18,6\\) +\\| " + java.util.regex.Pattern.quote(CLOSING_MRR))
                .contains("(12 rows)");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("No table or view 'mart_nothing' in the published warehouse");
    }

    @Test
    void aNightWithAnUndescribedColumnFailsNamingTableAndColumn() throws Exception {
        // given: the bridge's description file without its fx line
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Path bridge = project.resolve("sql/marts/mart_mrr_bridge.yml");
        Files.writeString(bridge, Files.readString(bridge).replaceAll("(?m)^  fx: .*\n", ""));
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing-undescribed"));

        // when
        Scenarios.Captured run = Scenarios.capture(() -> BatonCli.execute("run", "--landing", landing.toString(), "--project-dir",
                project.toString(), "--warehouse", workspace.resolve("undescribed").toString(), "--run-date", "2024-04-15", QUARANTINE));

        // then
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("audit failed, nothing published: published_columns__have_descriptions returned 1 row(s),"
                + " e.g. {table_name=mart_mrr_bridge, column_name=fx}");
    }

    private static List<String> remarks(DatabaseMetaData metaData, String table, String column) throws Exception {
        List<String> remarks = new ArrayList<>();
        try (ResultSet columns = metaData.getColumns(null, "main", table, column)) {
            while (columns.next()) {
                remarks.add(columns.getString("REMARKS"));
            }
        }
        return remarks;
    }
}
