package dev.baton.spark;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import dev.baton.cli.BatonCli;
import dev.baton.modeling.ModelCatalog;
import dev.baton.warehouse.ProjectFiles;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The spark-submit entry point ({@code --class dev.baton.spark.BatonSpark}). The master comes from spark-submit
 * ({@code --master}) or the {@code spark.master} setting, never from here.
 *
 * <pre>
 * spark-submit --master spark://host:7077 --class dev.baton.spark.BatonSpark baton-spark.jar run --landing DIR ...
 * spark-submit --master spark://host:7077 --class dev.baton.spark.BatonSpark baton-spark.jar \
 *     models --input /lake/baton/input --output /lake/baton/models [--project-dir DIR] [--run-date YYYY-MM-DD]
 * </pre>
 * {@code models} runs the models alone over Parquet; every other command is Baton's own ({@code run}, {@code backfill},
 * {@code validate}, ...) with {@code baton.engine=spark}, so the nightly job builds its models on this session.
 */
@Command(name = "baton-spark", mixinStandardHelpOptions = true, subcommands = BatonSpark.Models.class,
        description = "Baton's models on Apache Spark.")
public final class BatonSpark {

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].equals("models") && !args[0].startsWith("-")) {
            System.exit(runBaton(args));
        }
        System.exit(new CommandLine(new BatonSpark()).execute(args));
    }

    /** Baton's command line with the Spark engine; Spark's Log4j setup stays (Spring Boot does not reconfigure it). */
    static int runBaton(String... args) {
        if (System.getProperty("baton.engine") == null && System.getenv("BATON_ENGINE") == null) {
            System.setProperty("baton.engine", "spark");
        }
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        // the session's Hadoop configuration (spark.hadoop.* included) reaches a landing given as hdfs: or s3a: URI
        try (RemoteLanding landing = RemoteLanding.of(args,
                () -> SparkSession.builder().appName("baton").getOrCreate().sparkContext().hadoopConfiguration())) {
            String[] command = landing.args();
            boolean extractEngineSet = System.getProperty("baton.extract.engine") != null
                    || System.getenv("BATON_EXTRACT_ENGINE") != null
                    || java.util.Arrays.stream(command).anyMatch(arg -> arg.startsWith("-Dbaton.extract.engine="));
            if (landing.copied() && !extractEngineSet) {
                // the copy is on the driver's disk only, where a cluster's executors cannot read it (an option of
                // this command, not a system property, so it ends with the command)
                command = java.util.Arrays.copyOf(command, command.length + 1);
                command[command.length - 1] = "-Dbaton.extract.engine=duckdb";
            }
            return BatonCli.execute(command);
        }
    }

    @Command(name = "models", mixinStandardHelpOptions = true,
            description = "Run the staging, core and mart models (and bi views) on Spark SQL over Parquet inputs; "
                    + "write every table as Parquet under --output/<table>/.")
    static final class Models implements Callable<Integer> {

        // text, not Path: a Hadoop URI (hdfs://namenode:8020/..., s3a://bucket/...) would lose its // as a Path
        @Option(names = "--input", required = true, description = "Folder or Hadoop URI with one Parquet folder or "
                + "file per input table (landed_<entity>, run_context, ...).")
        String input;

        @Option(names = "--output", required = true,
                description = "Folder or Hadoop URI the tables are written to, one per table.")
        String output;

        @Option(names = "--project-dir", description = "Folder with sql/ (default: the models packed in the jar).")
        Path projectDir;

        @Option(names = "--run-date", description = "Business date; replaces run_context.run_date when given.")
        LocalDate runDate;

        @Option(names = "--layers", split = ",", defaultValue = "staging,core,marts,bi",
                description = "Layers to build (default: ${DEFAULT-VALUE}).")
        List<String> layers;

        @Override
        public Integer call() {
            ModelCatalog catalog = ModelCatalog.load(new ProjectFiles(projectDir));
            // the session spark-submit configured (master, resources); it stops it when main returns
            SparkSession spark = SparkSession.builder().appName("baton-models").getOrCreate();
            org.apache.hadoop.fs.Path tables = SparkModels.pathOf(output);
            List<SparkModels.Built> built = new SparkModels(spark, catalog).run(SparkModels.pathOf(input), tables, layers, runDate);
            built.stream().filter(SparkModels.Built::isTable)
                    .forEach(table -> System.out.println(table.name() + " -> " + new org.apache.hadoop.fs.Path(tables, table.name())));
            return 0;
        }
    }
}
