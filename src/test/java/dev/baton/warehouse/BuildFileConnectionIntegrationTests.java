package dev.baton.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's steps share one DuckDB instance on the build file: a real file, spilling to its real temp folder. */
class BuildFileConnectionIntegrationTests {

    private static final LocalDate RUN_DATE = LocalDate.of(2024, 4, 15);

    @TempDir
    Path warehouse;

    @Test
    void aStepOpensTheBuildFileAfterAnEarlierStepSpilledToDisk() throws Exception {
        WarehouseLayout layout = new WarehouseLayout(warehouse);
        BuildFiles buildFiles = new BuildFiles(layout, new DuckDbFiles(new BatonProperties.DuckDb("64MB", 1), layout.tempDir()));
        buildFiles.createFresh("nightly", RUN_DATE);

        // a sort of ~150 MB under a 64 MB limit spills into the temp folder
        try (Connection extract = buildFiles.open("nightly", RUN_DATE); Statement statement = extract.createStatement()) {
            statement.execute("create table sorted as select i, md5(cast(i as varchar)) as digest from range(3000000) t(i)"
                    + " order by digest");
        }

        // the next step's connection joins the same instance, whose temp folder is now in use
        try (Connection models = buildFiles.open("nightly", RUN_DATE); Statement statement = models.createStatement();
                ResultSet rows = statement.executeQuery("select count(*), min(i), max(i) from sorted")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(3_000_000L);
            assertThat(rows.getLong(2)).isZero();
            assertThat(rows.getLong(3)).isEqualTo(2_999_999L);
        }

        buildFiles.release("nightly", RUN_DATE);
        // read-only is refused next to a read-write connection still open in this process
        try (Connection reader = DuckDbFiles.openReadOnly(layout.buildFile("nightly", RUN_DATE));
                Statement statement = reader.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from sorted")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).isEqualTo(3_000_000L);
        }
    }
}
