package dev.baton.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.YearMonth;
import java.util.stream.Stream;

import dev.baton.cli.BatonCli;
import dev.baton.generate.LandingGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code baton.spark.work-dir} and {@code --landing} as Hadoop URIs the driver's DuckDB cannot read
 * ({@link BatonTestFileSystem}, standing in for {@code hdfs:} or {@code s3a:}), in folders apart from the warehouse:
 * the landing is copied down ({@link RemoteLanding}, as {@code BatonSpark} does), the inputs go up and the tables come
 * down through Hadoop's API, and the published night equals the DuckDB engine's on the local landing, model for model.
 * A third night reads the local landing with the extract on Spark under a URI work dir: its typed rows, quarantine
 * and archive are exchanged through the same mirror, and its quarantine and reconciliation are DuckDB's.
 */
class RemoteWorkDirNightTests {

    private static final String RUN_DATE = "2024-06-30";

    @TempDir
    static Path workspace;

    static Path onDuckDb;
    static Path onSpark;
    /** The night with the extract on Spark under a URI work dir (models on DuckDB), from the local landing. */
    static Path onSparkExtract;
    static Path extractFolder;
    static Path remoteFolder;
    static Path landingCopy;

    @BeforeAll
    static void runTheNightOnEachEngine() throws Exception {
        // given
        Path landing = workspace.resolve("landing");
        new LandingGenerator(11, 40, YearMonth.of(2024, 1), 6).writeTo(landing);
        SparkStandaloneClusterTests.addBadTickets(landing.resolve("tickets.csv"));
        SharedSpark.session().sparkContext().hadoopConfiguration().set("fs.batontest.impl", BatonTestFileSystem.class.getName());
        onDuckDb = workspace.resolve("duckdb");
        onSpark = workspace.resolve("spark");
        remoteFolder = workspace.resolve("cluster-share").toAbsolutePath();
        String workDir = "batontest://baton" + remoteFolder;
        String remoteLanding = "batontest://baton" + landing.toAbsolutePath();

        // and the mirror of an earlier, published night (no build file left)
        Files.createDirectories(onSpark.resolve("build/nightly-2024-05-31.spark/output/fct_mrr_month"));

        // when
        assertThat(BatonCli.execute(nightly(landing.toString(), onDuckDb, "-Dbaton.engine=duckdb")))
                .as("the night on DuckDB").isZero();
        // the extract on DuckDB, as BatonSpark sets for a URI landing (the executors cannot read the driver's copy)
        try (RemoteLanding copied = RemoteLanding.of(nightly(remoteLanding, onSpark, "-Dbaton.engine=spark",
                "-Dbaton.extract.engine=duckdb", "-Dbaton.spark.work-dir=" + workDir), () -> SharedSpark.session().sparkContext().hadoopConfiguration())) {
            landingCopy = Path.of(copied.args()[2]);
            assertThat(BatonCli.execute(copied.args())).as("the night on Spark, landing " + remoteLanding
                    + ", work dir " + workDir).isZero();
        }
        onSparkExtract = workspace.resolve("spark-extract");
        extractFolder = workspace.resolve("cluster-share-extract").toAbsolutePath();
        assertThat(BatonCli.execute(nightly(landing.toString(), onSparkExtract, "-Dbaton.engine=duckdb",
                "-Dbaton.extract.engine=spark", "-Dbaton.spark.work-dir=batontest://baton" + extractFolder)))
                .as("the night with the extract on Spark, work dir batontest://baton" + extractFolder).isZero();
    }

    private static String[] nightly(String landing, Path warehouse, String... settings) {
        String[] run = {"run", "--landing", landing, "--warehouse", warehouse.toString(), "--run-date", RUN_DATE,
                "--project-dir", BothEngines.PROJECT.toString()};
        return Stream.concat(Stream.of(run), Stream.of(settings)).toArray(String[]::new);
    }

    @Test
    void theLandingWasReadFromALocalCopyRemovedAfterTheNight() {
        assertThat(landingCopy.getFileName().toString()).isEqualTo("landing");
        assertThat(landingCopy.getParent().getFileName().toString()).startsWith("baton-landing-");
        assertThat(landingCopy.getParent()).doesNotExist();
    }

    @Test
    void sparkReadAndWroteAtTheUriAndTheDriverKeptOnlyTheLakeTables() {
        Path night = remoteFolder.resolve("nightly-" + RUN_DATE);
        assertThat(night.resolve("input/run_context/part-0.parquet")).isRegularFile();
        assertThat(night.resolve("output/dim_account")).isDirectory();
        assertThat(night.resolve("output/fct_mrr_movement/month_start=2024-03-01/data_0.parquet")).isRegularFile();
        // nothing was written where java.nio would take the URI for a relative folder, nor at the default work dir
        assertThat(Path.of("batontest:")).doesNotExist();
        assertThat(onSpark.resolve("spark")).doesNotExist();
        // the local mirror beside the build file: the lake tables for publish to link, no inputs, no dimension
        Path mirror = onSpark.resolve("build/nightly-" + RUN_DATE + ".spark");
        assertThat(mirror.resolve("output/fct_mrr_movement/month_start=2024-03-01/data_0.parquet")).isRegularFile();
        assertThat(mirror.resolve("output/dim_account")).doesNotExist();
        assertThat(mirror.resolve("input")).doesNotExist();
        assertThat(onSpark.resolve("build/nightly-2024-05-31.spark")).doesNotExist();
    }

    @Test
    void thePublishedLakeFilesAreTheMirrorsLinked() throws Exception {
        Path published = onSpark.resolve("parquet/fct_mrr_movement/month_start=2024-03-01/data_0.parquet");
        Path mirrored = onSpark.resolve("build/nightly-" + RUN_DATE + ".spark/output/fct_mrr_movement/month_start=2024-03-01/data_0.parquet");
        assertThat(Files.isSameFile(published, mirrored)).isTrue();
    }

    @Test
    void theModelsCommandReadsAndWritesHadoopUris() throws Exception {
        // given the night's inputs, left at the work dir's URI
        String input = "batontest://baton" + remoteFolder.resolve("nightly-" + RUN_DATE + "/input");
        Path output = workspace.resolve("models-command").toAbsolutePath();

        // when
        int exitCode = new CommandLine(new BatonSpark()).execute("models", "--input", input, "--output",
                "batontest://baton" + output, "--project-dir", BothEngines.PROJECT.toString(), "--layers", "staging,core");

        // then the lake table as the night published it
        assertThat(exitCode).isZero();
        assertThat(output.resolve("fct_mrr_movement/month_start=2024-03-01/data_0.parquet")).isRegularFile();
        try (Connection published = BothEngines.published(onSpark)) {
            assertThat(BothEngines.duckDbRows(published, "(select * from read_parquet('" + output
                    + "/fct_mrr_movement/*/*.parquet', hive_partitioning = false))"))
                    .isNotEmpty()
                    .isEqualTo(BothEngines.duckDbRows(published, "fct_mrr_movement"));
        }
    }

    @Test
    void everyModelIsTheSameAsOnDuckDb() throws Exception {
        assertThat(BothEngines.modelsWithOtherRows(onDuckDb, onSpark)).as("models whose rows differ").isEmpty();
        assertThat(BothEngines.modelsWithOtherRows(onDuckDb, onSparkExtract)).as("models whose rows differ").isEmpty();
    }

    @Test
    void theSparkExtractExchangedItsParquetAtTheUri() throws Exception {
        // Spark wrote the typed rows, the quarantine and the archive at the URI; the driver copied them down to the mirror
        Path tickets = "nightly-%s/extract/tickets/tickets.csv".formatted(RUN_DATE).transform(extractFolder::resolve);
        assertThat(tickets.resolve("typed")).isDirectory();
        assertThat(tickets.resolve("quarantine")).isDirectory();
        // the referenced accounts went up for the unknown-account check; the archive's folder was removed once copied
        assertThat(tickets.resolve("landed_accounts")).isDirectory();
        assertThat(tickets.resolve("raw")).doesNotExist();
        Path mirrored = onSparkExtract.resolve("build/nightly-" + RUN_DATE + ".spark/extract/tickets/tickets.csv");
        try (Stream<Path> typed = Files.list(mirrored.resolve("typed"))) {
            assertThat(typed.map(Path::toString)).anyMatch(name -> name.endsWith(".parquet"));
        }
        assertThat(onSparkExtract.resolve("spark")).doesNotExist();
        try (Stream<Path> archived = Files.walk(onSparkExtract.resolve("raw"))) {
            assertThat(archived.map(Path::toString)).anyMatch(name -> name.matches(".*/tickets/load_date=" + RUN_DATE
                    + "/tickets\\.csv-[0-9a-f]{16}\\.parquet"));
        }
    }

    @Test
    void theSparkExtractsQuarantineAndReconciliationAreDuckDbs() throws Exception {
        BothEngines.sameQuarantineAndReconciliationWithTheTwoBadTickets(onDuckDb, onSparkExtract);
    }
}
