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
import org.apache.spark.sql.SparkSession;

/**
 * {@code baton.engine=spark}: the nightly job's models built by Spark. The inputs leave the build file as Parquet
 * (DuckDB's COPY), Spark builds every model ({@link SparkModels}). The dimensions and marts come back into the build
 * file as tables; the facts and intermediate tables stay in the Parquet lake Spark wrote ({@link LakeWriter}) and are
 * views over it in the build file, recorded in {@code lake_tables} so publish links their files rather than exporting
 * them again ({@link LakeTables}). Views are created again on DuckDB, so audits, publish and dashboards go on unchanged.
 *
 * <p>The session is the one spark-submit set up ({@code getOrCreate}); its master is never chosen here. The work
 * folder must be one the executors see at the same path (a shared mount) unless the master is local.
 */
public final class SparkModelEngine implements ModelEngine {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public void build(Connection buildFile, ModelCatalog catalog, List<String> layers, LocalDate runDate, Path workDir)
            throws SQLException {
        Path input = FileTrees.fresh(workDir.resolve("input"));
        Path output = FileTrees.fresh(workDir.resolve("output"));
        try (Statement statement = buildFile.createStatement()) {
            for (String table : catalog.inputTables()) {
                Path folder = createDirectories(input.resolve(table));
                statement.execute("copy (select * from " + table + ") to " + literal(folder.resolve("part-0.parquet"))
                        + " (format parquet)");
            }
        }
        SparkSession spark = SparkSession.builder().appName("baton").getOrCreate();
        Map<String, SparkModels.Built> built = new SparkModels(spark, catalog).run(input, output, layers, null).stream()
                .collect(Collectors.toMap(SparkModels.Built::name, Function.identity()));
        List<LakeTable> lake = new ArrayList<>();
        try (Statement statement = buildFile.createStatement()) {
            for (Definition model : catalog.definitionsInLayers(layers)) {
                SparkModels.Built table = built.get(model.name());
                if (table.inLake()) {
                    // the facts stay in the lake: the build file (and so warehouse.duckdb) holds a view over their files
                    LakeTable lakeTable = new LakeTable(model.name(), table.location(), table.partitionedBy());
                    LakeTables.createView(statement, lakeTable);
                    lake.add(lakeTable);
                } else if (table.isTable()) {
                    statement.execute("create or replace table " + model.name() + " as select * from read_parquet("
                            + literal(table.location().resolve("*.parquet")) + ")");
                } else {
                    // views hold no rows: the same SQL on DuckDB, over the tables Spark built
                    statement.execute("create or replace view " + model.name() + " as\n" + model.sql());
                }
            }
        }
        LakeTables.record(buildFile, lake);
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
