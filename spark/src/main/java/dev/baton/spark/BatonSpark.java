package dev.baton.spark;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

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
 * spark-submit --master spark://host:7077 --class dev.baton.spark.BatonSpark baton-spark.jar \
 *     models --input /lake/baton/input --output /lake/baton/models [--project-dir DIR] [--run-date YYYY-MM-DD]
 * </pre>
 */
@Command(name = "baton-spark", mixinStandardHelpOptions = true, subcommands = BatonSpark.Models.class,
        description = "Baton's models on Apache Spark.")
public final class BatonSpark {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BatonSpark()).execute(args));
    }

    @Command(name = "models", mixinStandardHelpOptions = true,
            description = "Run the staging, core and mart models (and bi views) on Spark SQL over Parquet inputs; "
                    + "write every table as Parquet under --output/<table>/.")
    static final class Models implements Callable<Integer> {

        @Option(names = "--input", required = true,
                description = "Folder with one Parquet folder or file per input table (landed_<entity>, run_context, ...).")
        Path input;

        @Option(names = "--output", required = true, description = "Folder the tables are written to, one per table.")
        Path output;

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
            SparkSession spark = SparkSession.builder().appName("baton-models").getOrCreate();
            try {
                List<SparkModels.Built> built = new SparkModels(spark, catalog).run(input, output, layers, runDate);
                built.stream().filter(SparkModels.Built::isTable)
                        .forEach(table -> System.out.println(table.name() + " -> " + table.location()));
                return 0;
            } finally {
                spark.stop();
            }
        }
    }
}
