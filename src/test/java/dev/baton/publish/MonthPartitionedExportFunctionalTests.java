package dev.baton.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import dev.baton.cli.BatonCli;
import dev.baton.publish.ParquetExport.FileEntry;
import dev.baton.publish.ParquetExport.TableEntry;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tables of one row per account and month are exported in month partitions, and a night that changes one month
 * writes that month's partition only: the others are the published version's files, hard-linked.
 */
class MonthPartitionedExportFunctionalTests {

    private static final String SUPPORT = "mart_support_account_month";

    @TempDir
    Path workspace;

    /** Night 2024-04-15 published, then ticket T1 of A1 (January) delivered again with CSAT 3 and 2024-04-16 run. */
    private Path twoNightsWithTicketT1Rescored() throws Exception {
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        assertThat(run(landing, warehouse, "2024-04-15")).isZero();
        Files.writeString(landing.resolve("tickets_csat.csv"), """
                ticket_id,account_id,created_at,first_response_at,solved_at,status,priority,channel,csat_score,requester_email,updated_at
                T1,A1,2024-01-12T10:00:00Z,2024-01-12T12:30:00Z,2024-01-13T10:00:00Z,solved,normal,email,3,jo.smith@acme.example,2024-04-16T00:00:00Z
                """);

        // when the next night runs
        assertThat(run(landing, warehouse, "2024-04-16")).isZero();
        return warehouse;
    }

    @Test
    void aNightThatChangesOneMonthRewritesThatMonthsPartitionOnly() throws Exception {
        // given a published night, then ticket T1 of A1 (solved on 2024-01-13) delivered again with CSAT 3 instead of 5
        // when the next night runs
        Path warehouse = twoNightsWithTicketT1Rescored();

        // then the support mart (grain: account_id, month_start) is partitioned by month, declared by its grain alone
        Path lastParquet = warehouse.resolve("versions/000001-2024-04-15/parquet");
        Path parquet = warehouse.resolve("versions/000002-2024-04-16/parquet");
        TableEntry before = entry(lastParquet, SUPPORT);
        TableEntry after = entry(parquet, SUPPORT);
        assertThat(after.partitionedBy()).isEqualTo("month_start");
        assertThat(after.files()).extracting(FileEntry::path).isEqualTo(before.files().stream().map(FileEntry::path).toList())
                .contains(SUPPORT + "/month_start=2024-01-01/data_0.parquet", SUPPORT + "/month_start=2024-04-01/data_0.parquet");
        // and January's file was written again while every other month's is last night's file
        for (FileEntry file : after.files()) {
            boolean january = file.path().contains("month_start=2024-01-01");
            assertThat(Files.isSameFile(parquet.resolve(file.path()), lastParquet.resolve(file.path()))).as(file.path())
                    .isEqualTo(!january);
        }
        // and the exported rows are the table's, January's CSAT now 3.0
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        String files = "read_parquet('" + parquet.resolve(SUPPORT + "/*/*.parquet") + "')";
        String columns = "account_id, month_start, tickets_opened, csat_avg";
        assertThat(published.count("select " + columns + " from " + files + " except all select " + columns + " from " + SUPPORT))
                .isZero();
        assertThat(published.count("select " + columns + " from " + SUPPORT + " except all select " + columns + " from " + files))
                .isZero();
        assertThat(published.count("select * from " + files)).isEqualTo(after.rows()).isEqualTo(published.count("select * from " + SUPPORT));
        assertThat(published.decimal("select csat_avg from " + files + " where account_id = 'A1' and month_start = date '2024-01-01'"))
                .isEqualByComparingTo("3.0");
    }

    @Test
    void partitionsLeftUnhashedKeepTheFingerprintOfTheirRows() throws Exception {
        // given a published night, then A1's ticket T1 (January) delivered again with CSAT 3: the support mart is rebuilt
        // for A1 only, January's partition is written again and the others are linked with their listed fingerprints
        // when the next night runs
        Path warehouse = twoNightsWithTicketT1Rescored();

        // then every partition of every partitioned table lists the fingerprint its published rows have
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        Path parquet = warehouse.resolve("versions/000002-2024-04-16/parquet");
        int partitions = 0;
        for (TableEntry table : Manifest.read(parquet).tables()) {
            if (table.partitionedBy() == null) {
                continue;
            }
            for (FileEntry file : table.files()) {
                String month = file.path().replaceAll(".*month_start=([0-9-]+)/.*", "$1");
                Map<String, Object> rows = published.row("select count(*) || ':' || cast(sum(cast(hash(r) as hugeint)) as varchar) as f"
                        + " from " + table.table() + " as r where month_start = date '" + month + "'");
                assertThat(file.fingerprint()).as(file.path()).isEqualTo(rows.get("f"));
                partitions++;
            }
        }
        assertThat(partitions).isGreaterThan(20);
    }

    @Test
    void anAccountMonthTableWithNoRowsIsPublishedAsOneFileWithItsColumns() throws Exception {
        // given four accounts whose history starts in January 2024: on 2024-01-31 no account has paid a month before,
        // so mart_support_before_churn_account_month (grain: account_id, month_start; a month an account paying the
        // month before churned or stayed) has no row and no month to partition on
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");

        // when the night runs
        assertThat(run(landing, warehouse, "2024-01-31")).isZero();

        // then the empty table is one file, not partitions that a glob would not find
        String table = "mart_support_before_churn_account_month";
        TableEntry empty = entry(warehouse.resolve("versions/000001-2024-01-31/parquet"), table);
        assertThat(empty.rows()).isZero();
        assertThat(empty.partitionedBy()).isNull();
        assertThat(empty.files()).extracting(FileEntry::path).containsExactly(table + "/" + table + ".parquet");
        // and dashboards read it through reporting.duckdb with its columns, while a table with rows stays partitioned
        try (Connection reporting = DriverManager.getConnection("jdbc:duckdb:" + warehouse.resolve("reporting.duckdb") + ";access_mode=READ_ONLY");
                Statement statement = reporting.createStatement();
                ResultSet rows = statement.executeQuery("select * from " + table)) {
            assertThat(rows.next()).isFalse();
            assertThat(rows.getMetaData().getColumnName(1)).isEqualTo("account_id");
        }
        assertThat(entry(warehouse.resolve("versions/000001-2024-01-31/parquet"), SUPPORT).partitionedBy()).isEqualTo("month_start");
    }

    private static TableEntry entry(Path parquet, String table) throws Exception {
        List<TableEntry> tables = Manifest.read(parquet).tables();
        return tables.stream().filter(entry -> entry.table().equals(table)).findFirst().orElseThrow();
    }

    private static int run(Path landing, Path warehouse, String runDate) {
        return BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(), "--run-date", runDate,
                "-Dbaton.extract.max-quarantined-share=0.5");
    }
}
