package dev.baton.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import dev.baton.modeling.LakeTables.LakeTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lake tables of a build file: views over their Parquet files, recorded, and forgotten before the next build. */
class LakeTablesTests {

    @TempDir
    Path lake;

    @Test
    void aLakeTableIsAViewOverItsMonthFoldersThatReplacesATableOfTheSameName() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            // given two months of a table in publish's layout, and last night's fct_mrr_month as a table
            Path folder = lake.resolve("fct_mrr_month");
            statement.execute("copy (select cast(date '2024-01-01' + to_months(cast(i % 2 as integer)) as date) as month_start, i as mrr"
                    + " from range(5) as r(i)) to '" + folder + "' (format parquet, partition_by (month_start),"
                    + " write_partition_columns true)");
            statement.execute("create table fct_mrr_month as select 1 as stale");
            LakeTable table = new LakeTable("fct_mrr_month", folder, "month_start");

            // when
            LakeTables.createView(statement, table);
            LakeTables.record(connection, List.of(table));

            // then five rows, January holding i = 0, 2, 4 (mrr 6), the month read from inside the files
            assertThat(LakeTables.isView(connection, "fct_mrr_month")).isTrue();
            try (ResultSet rows = statement.executeQuery("select count(*), sum(mrr) filter (where month_start = date '2024-01-01')"
                    + " from fct_mrr_month")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(5);
                assertThat(rows.getLong(2)).isEqualTo(6);
            }
            assertThat(LakeTables.read(connection)).containsExactly(new LakeTable("fct_mrr_month", folder.toAbsolutePath(), "month_start"));
            assertThat(table.files()).isEqualTo(folder.toAbsolutePath() + "/*/*.parquet");
            assertThat(new LakeTable("fct_ticket", lake.resolve("fct_ticket"), null).files())
                    .isEqualTo(lake.resolve("fct_ticket").toAbsolutePath().resolve("fct_ticket.parquet").toString());
        }
    }

    @Test
    void theNextBuildFindsNeitherTheRecordNorAViewUnderATableModelsName() throws Exception {
        Model table = new Model("fct_mrr_month", "core", "one row per account and month (account_id, month_start)",
                List.of("account_id", "month_start"), List.of(), "select 1", "");
        Model view = new Model("bi_account_mrr", "bi", "one row per account and month (account_id, month_start)",
                List.of("account_id", "month_start"), List.of(), "select 1", "");
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            // given what a Spark attempt left in the build file
            statement.execute("create view fct_mrr_month as select 1 as mrr");
            statement.execute("create view bi_account_mrr as select * from fct_mrr_month");
            LakeTables.record(connection, List.of(new LakeTable("fct_mrr_month", lake.resolve("fct_mrr_month"), "month_start")));

            // when
            LakeTables.forget(connection, List.of(table, view));

            // then a table model's view is gone, a view model's view stays, and no lake is recorded
            assertThat(LakeTables.isView(connection, "fct_mrr_month")).isFalse();
            assertThat(LakeTables.isView(connection, "bi_account_mrr")).isTrue();
            assertThat(LakeTables.read(connection)).isEmpty();
        }
    }
}
