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
 */
class RemoteWorkDirNightTests {

    private static final String RUN_DATE = "2024-06-30";

    @TempDir
    static Path workspace;

    static Path onDuckDb;
    static Path onSpark;
    static Path remoteFolder;
    static Path landingCopy;

    @BeforeAll
    static void runTheNightOnEachEngine() throws Exception {
        // given
        Path landing = workspace.resolve("landing");
        new LandingGenerator(11, 40, YearMonth.of(2024, 1), 6).writeTo(landing);
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
        try (RemoteLanding copied = RemoteLanding.of(nightly(remoteLanding, onSpark, "-Dbaton.engine=spark",
                "-Dbaton.spark.work-dir=" + workDir), () -> SharedSpark.session().sparkContext().hadoopConfiguration())) {
            landingCopy = Path.of(copied.args()[2]);
            assertThat(BatonCli.execute(copied.args())).as("the night on Spark, landing " + remoteLanding
                    + ", work dir " + workDir).isZero();
        }
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
    }
}
