package dev.baton.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.baton.modeling.ModelCatalog;
import dev.baton.modeling.ModelCatalog.Definition;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Baton's models on Spark SQL: the same files, in the same order as on DuckDB ({@link ModelCatalog}).
 *
 * <p>Input: a folder with one Parquet folder or file per table the models read and no model builds
 * ({@code landed_<entity>}, {@code run_context}, {@code funnel_stage_map}, see {@link ModelCatalog#inputTables()}).
 * Views (staging, bi) become temporary views; every other model is written as Parquet to {@code <output>/<table>/}
 * and read back as a temporary view of that name, so later models read the materialised rows, as on DuckDB.
 */
public final class SparkModels {

    private static final Logger log = LoggerFactory.getLogger(SparkModels.class);

    private static final String ACCOUNT = "account_id";
    private static final String MONTH = "month_start";

    private final SparkSession spark;
    private final ModelCatalog catalog;

    public SparkModels(SparkSession spark, ModelCatalog catalog) {
        this.spark = spark;
        this.catalog = catalog;
    }

    /**
     * One model built: its name, whether it was written as a table, and where (its local folder; null for a view, and
     * for a table written to a file system other than the local one); for a table of the lake ({@link #inLake}) also
     * its partition column (null: one file), for the others null.
     */
    public record Built(String name, String layer, boolean isTable, Path location, boolean inLake, String partitionedBy) {
    }

    /**
     * The big tables the warehouse file need not hold: the facts and the intermediate tables of core, which grow with
     * accounts times months. They go to the lake in publish's layout; the dimensions and marts stay Spark's folders.
     */
    static boolean inLake(Definition model) {
        return !model.isView() && model.layer().equals("core") && (model.name().startsWith("fct_") || model.name().startsWith("int_"));
    }

    /**
     * Registers the inputs and builds the models of these layers, over local folders.
     *
     * @param runDate when given, replaces {@code run_context.run_date} (the business date the models compute up to)
     */
    public List<Built> run(Path input, Path output, List<String> layers, LocalDate runDate) {
        return run(hadoopPath(input), hadoopPath(output), layers, runDate);
    }

    /** The same over Hadoop paths: {@code <output>/<table>/} on whatever file system the output's scheme names. */
    public List<Built> run(org.apache.hadoop.fs.Path input, org.apache.hadoop.fs.Path output, List<String> layers,
            LocalDate runDate) {
        configure(spark);
        registerInputs(input, runDate);
        // publish's rule: a table whose grain is one row per account and month is exported in month folders
        List<String> monthly = catalog.tablesKeyedBy(layers, ACCOUNT, MONTH);
        List<Built> built = new ArrayList<>();
        for (Definition model : catalog.definitionsInLayers(layers)) {
            long started = System.nanoTime();
            built.add(build(model, output, monthly.contains(model.name()) ? MONTH : null));
            log.info("model {} built on Spark as {} in {} ms", model.name(), model.isView() ? "view" : "table",
                    (System.nanoTime() - started) / 1_000_000);
        }
        return built;
    }

    /** A folder given as text: a Hadoop URI when it has a scheme (of two letters or more: not a drive), else local. */
    static org.apache.hadoop.fs.Path pathOf(String folder) {
        String scheme = new org.apache.hadoop.fs.Path(folder).toUri().getScheme();
        return scheme != null && scheme.length() > 1 ? new org.apache.hadoop.fs.Path(folder) : hadoopPath(Path.of(folder));
    }

    static org.apache.hadoop.fs.Path hadoopPath(Path local) {
        return new org.apache.hadoop.fs.Path(local.toAbsolutePath().toUri());
    }

    /**
     * What the models' meaning depends on, whatever the cluster's defaults: timestamps turn into dates in UTC (the
     * reporting zone is applied by the SQL itself, with from_utc_timestamp), and Parquet timestamps are written
     * as microsecond instants that DuckDB and every other reader take as such (not the legacy INT96).
     */
    static void configure(SparkSession spark) {
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    }

    private void registerInputs(org.apache.hadoop.fs.Path input, LocalDate runDate) {
        for (String table : catalog.inputTables()) {
            org.apache.hadoop.fs.Path location = inputLocation(input, table);
            Dataset<Row> rows = spark.read().parquet(location.toString());
            if (table.equals("run_context") && runDate != null) {
                rows = rows.withColumn("run_date", functions.lit(Date.valueOf(runDate)));
            }
            rows.createOrReplaceTempView(table);
        }
    }

    private org.apache.hadoop.fs.Path inputLocation(org.apache.hadoop.fs.Path input, String table) {
        try {
            FileSystem fs = input.getFileSystem(spark.sparkContext().hadoopConfiguration());
            for (org.apache.hadoop.fs.Path candidate : List.of(new org.apache.hadoop.fs.Path(input, table),
                    new org.apache.hadoop.fs.Path(input, table + ".parquet"))) {
                if (fs.exists(candidate)) {
                    return candidate;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the inputs in " + input, e);
        }
        throw new IllegalArgumentException("the models read " + table + ", but " + input + " has no " + table + "/ or "
                + table + ".parquet");
    }

    /**
     * A table's rows from its folder: every Parquet file below it, the Hive folder names not read as columns (a lake
     * table's month column is inside its files, and Spark would otherwise add it a second time from the folders).
     */
    static Dataset<Row> read(SparkSession spark, Path location) {
        return read(spark, hadoopPath(location));
    }

    static Dataset<Row> read(SparkSession spark, org.apache.hadoop.fs.Path location) {
        return spark.read().option("recursiveFileLookup", "true").parquet(location.toString());
    }

    private Built build(Definition model, org.apache.hadoop.fs.Path output, String monthColumn) {
        try {
            Dataset<Row> rows = spark.sql(model.sql());
            if (model.isView()) {
                rows.createOrReplaceTempView(model.name());
                return new Built(model.name(), model.layer(), false, null, false, null);
            }
            org.apache.hadoop.fs.Path location = new org.apache.hadoop.fs.Path(output, model.name());
            if (inLake(model)) {
                LakeWriter.Written written = new LakeWriter(spark).write(rows, model.name(), location, monthColumn);
                read(spark, location).createOrReplaceTempView(model.name());
                return new Built(model.name(), model.layer(), true, localOrNull(location), true, written.partitionedBy());
            }
            rows.write().mode(SaveMode.Overwrite).parquet(location.toString());
            read(spark, location).createOrReplaceTempView(model.name());
            return new Built(model.name(), model.layer(), true, localOrNull(location), false, null);
        } catch (RuntimeException e) {
            throw new IllegalStateException("model " + model.name() + " (" + model.path() + ") failed on Spark: "
                    + e.getMessage(), e);
        }
    }

    private static Path localOrNull(org.apache.hadoop.fs.Path location) {
        return "file".equals(location.toUri().getScheme()) ? Path.of(location.toUri()) : null;
    }
}
