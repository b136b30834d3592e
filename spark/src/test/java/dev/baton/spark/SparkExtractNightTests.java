package dev.baton.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.stream.Stream;

import dev.baton.cli.BatonCli;
import dev.baton.generate.LandingGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code baton.extract.engine=spark} through the whole nightly job: one generated landing with two bad ticket rows,
 * one night with the extract on DuckDB, one with the landing CSVs checked by Spark (the models on DuckDB both times),
 * and the published quarantine, reconciliation and every model are the same.
 */
class SparkExtractNightTests {

    private static final String RUN_DATE = "2024-06-30";

    @TempDir
    static Path workspace;

    static Path onDuckDb;
    static Path onSpark;

    @BeforeAll
    static void runTheNightWithEachExtract() throws Exception {
        // given a small company (the free-text handoffs stay on DuckDB) and two bad tickets
        Path landing = workspace.resolve("landing");
        new LandingGenerator(11, 40, YearMonth.of(2024, 1), 6).writeTo(landing);
        SparkStandaloneClusterTests.addBadTickets(landing.resolve("tickets.csv"));
        SharedSpark.session();
        onDuckDb = workspace.resolve("duckdb");
        onSpark = workspace.resolve("spark");
        // when
        assertThat(nightly(landing, onDuckDb, "duckdb")).as("the night, extract on DuckDB").isZero();
        assertThat(nightly(landing, onSpark, "spark")).as("the night, extract on Spark").isZero();
    }

    private static int nightly(Path landing, Path warehouse, String extractEngine) {
        return BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--run-date", RUN_DATE, "--project-dir", BothEngines.PROJECT.toString(),
                "-Dbaton.extract.engine=" + extractEngine);
    }

    @Test
    void theSparkExtractDidTheChecks() throws Exception {
        // a folder of typed rows and quarantine rows per CSV delivery Spark checked; none on the DuckDB night
        Path extract = onSpark.resolve("spark").resolve("nightly-" + RUN_DATE).resolve("extract");
        assertThat(extract.resolve("tickets")).isDirectory();
        assertThat(extract.resolve("accounts")).isDirectory();
        assertThat(extract.resolve("handoffs")).doesNotExist();
        assertThat(onDuckDb.resolve("spark")).doesNotExist();
        try (Stream<Path> archived = Files.walk(onSpark.resolve("raw"))) {
            assertThat(archived.map(Path::toString)).anyMatch(name -> name.matches(".*/tickets/load_date=" + RUN_DATE + "/tickets.*\\.parquet"));
        }
    }

    @Test
    void theQuarantineAndTheReconciliationAreTheSame() throws Exception {
        BothEngines.sameQuarantineAndReconciliationWithTheTwoBadTickets(onDuckDb, onSpark);
    }

    @Test
    void everyModelIsTheSame() throws Exception {
        assertThat(BothEngines.modelsWithOtherRows(onDuckDb, onSpark)).as("models whose rows differ").isEmpty();
    }
}
