package dev.baton.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.baton.modeling.ModelCatalog;
import dev.baton.modeling.ModelCatalog.Definition;
import dev.baton.modeling.LakeTables;
import dev.baton.modeling.LakeTables.LakeTable;
import dev.baton.modeling.ModelEngine;
import dev.baton.warehouse.FileTrees;
import dev.baton.warehouse.WarehouseLayout;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code baton.engine=spark}: the nightly job's models built by Spark. The inputs leave the build file as Parquet
 * (DuckDB's COPY), Spark builds every model ({@link SparkModels}). The dimensions and marts come back into the build
 * file as tables; the facts and intermediate tables stay in the Parquet lake Spark wrote ({@link LakeWriter}) and are
 * views over it in the build file, recorded in {@code lake_tables} so publish links their files rather than exporting
 * them again ({@link LakeTables}). Views are created again on DuckDB, so audits, publish and dashboards go on unchanged.
 *
 * <p>The session is the one spark-submit set up ({@code getOrCreate}); its master is never chosen here. The work
 * folder is a local one the executors see at the same path (a shared mount, or any folder when the master is local),
 * or a Hadoop URI ({@link WorkDir}): then the Parquet is exchanged through a local mirror beside the build file
 * ({@code <warehouse>/build/<job>-<date>.spark/}), since the driver's DuckDB reads local files only
 * ({@link RemoteExchange}); the lake tables stay in that mirror until publish has linked them.
 */
public final class SparkModelEngine implements ModelEngine {

    private static final Logger log = LoggerFactory.getLogger(SparkModelEngine.class);

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public void build(Connection buildFile, ModelCatalog catalog, List<String> layers, LocalDate runDate,
            WarehouseLayout.EngineNight night) throws SQLException {
        WorkDir work = WorkDir.of(night);
        Path local = work.isRemote() ? RemoteExchange.mirrorOf(buildFile) : work.local();
        if (work.isRemote()) {
            RemoteExchange.removeMirrorsOfPublishedNights(local.getParent());
        }
        Path input = FileTrees.fresh(local.resolve("input"));
        Path output = FileTrees.fresh(local.resolve("output"));
        try (Statement statement = buildFile.createStatement()) {
            for (String table : catalog.inputTables()) {
                Path folder = createDirectories(input.resolve(table));
                statement.execute("copy (select * from " + table + ") to " + literal(folder.resolve("part-0.parquet"))
                        + " (format parquet)");
            }
        }
        SparkSession spark = SparkSession.builder().appName("baton").getOrCreate();
        RemoteExchange exchange = new RemoteExchange(spark.sparkContext().hadoopConfiguration());
        org.apache.hadoop.fs.Path sparkInput = SparkModels.hadoopPath(input);
        org.apache.hadoop.fs.Path sparkOutput = SparkModels.hadoopPath(output);
        if (work.isRemote()) {
            sparkInput = new org.apache.hadoop.fs.Path(work.remote(), "input");
            sparkOutput = new org.apache.hadoop.fs.Path(work.remote(), "output");
            long started = System.nanoTime();
            exchange.upload(input, sparkInput);
            exchange.clear(sparkOutput);
            log.info("models' inputs copied up to {} in {} ms", sparkInput, (System.nanoTime() - started) / 1_000_000);
        }
        Map<String, SparkModels.Built> built = new SparkModels(spark, catalog).run(sparkInput, sparkOutput, layers, null)
                .stream().collect(Collectors.toMap(SparkModels.Built::name, Function.identity()));
        List<LakeTable> lake = new ArrayList<>();
        long downloading = 0;
        try (Statement statement = buildFile.createStatement()) {
            for (Definition model : catalog.definitionsInLayers(layers)) {
                SparkModels.Built table = built.get(model.name());
                Path folder = output.resolve(model.name());
                if (table.isTable() && work.isRemote()) {
                    long started = System.nanoTime();
                    exchange.download(new org.apache.hadoop.fs.Path(sparkOutput, model.name()), folder);
                    downloading += System.nanoTime() - started;
                }
                if (table.inLake()) {
                    // the facts stay in the lake: the build file (and so warehouse.duckdb) holds a view over their files
                    LakeTable lakeTable = new LakeTable(model.name(), folder, table.partitionedBy());
                    LakeTables.createView(statement, lakeTable);
                    lake.add(lakeTable);
                } else if (table.isTable()) {
                    statement.execute("create or replace table " + model.name() + " as select * from read_parquet("
                            + literal(folder.resolve("*.parquet")) + ")");
                    if (work.isRemote()) {
                        RemoteExchange.delete(folder);
                    }
                } else {
                    // views hold no rows: the same SQL on DuckDB, over the tables Spark built
                    statement.execute("create or replace view " + model.name() + " as\n" + model.sql());
                }
            }
        }
        LakeTables.record(buildFile, lake);
        if (work.isRemote()) {
            log.info("models' tables copied down from {} to {} in {} ms", sparkOutput, output, downloading / 1_000_000);
        }
    }

    private static String literal(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    private static Path createDirectories(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }
}
