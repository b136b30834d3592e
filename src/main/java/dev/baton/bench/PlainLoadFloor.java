package dev.baton.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.baton.extract.DirectLoad;
import dev.baton.jobs.JobDefinition;
import dev.baton.jobs.JobDefinition.StepDefinition;
import dev.baton.modeling.ColumnDescriptions;
import dev.baton.modeling.FunnelStageMap;
import dev.baton.modeling.ModelCatalog;
import dev.baton.modeling.StandaloneModelBuild;
import dev.baton.warehouse.BatonProperties;
import dev.baton.warehouse.BuildFiles;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.SqlIdentifiers;
import dev.baton.warehouse.WarehouseLayout;

/**
 * A lower floor than the pipeline's own SQL: the landing files loaded with a plain read_csv (no typing checks, no
 * quarantine, no reconciliation, no archive), the same models and the Parquet export, with no audits. The pipeline's
 * time over this is what checking every row and orchestration cost together.
 */
public final class PlainLoadFloor {

    private PlainLoadFloor() {
    }

    public static NightReport run(Path folder, Path landing, LocalDate runDate, JobDefinition job, ProjectFiles projectFiles,
            BatonProperties properties) throws Exception {
        List<String> entities = option(job, "extract", "entities");
        List<String> layers = option(job, "models", "layers");
        List<String> exportLayers = option(job, "publish", "parquet");
        WarehouseLayout layout = new WarehouseLayout(folder);
        DuckDbFiles duckDb = new DuckDbFiles(properties.duckdb(), layout.tempDir());
        List<StepTiming> steps = new ArrayList<>();
        long started = System.nanoTime();
        double cpuStarted = ProcessUsage.processCpuSeconds();
        Path file = new BuildFiles(layout, duckDb).createFresh("floor", runDate);
        try (Connection connection = duckDb.openReadWrite(file)) {
            long stepStart = System.nanoTime();
            long rows = DirectLoad.load(connection, landing, entities);
            for (StepDefinition step : job.steps()) {
                if (step.kind().equals("funnel-stages")) {
                    FunnelStageMap.of(step).writeTo(connection);
                }
            }
            steps.add(new StepTiming("load", rows, seconds(stepStart)));

            stepStart = System.nanoTime();
            StandaloneModelBuild.build(connection, projectFiles, properties, runDate, layers);
            steps.add(new StepTiming("models", rows, seconds(stepStart)));

            stepStart = System.nanoTime();
            Path parquet = folder.resolve("parquet");
            try (Statement statement = connection.createStatement()) {
                ModelCatalog catalog = ModelCatalog.load(projectFiles);
                List<String> notExported = ColumnDescriptions.load(projectFiles, catalog).notExported();
                // what the publish step exports: a parquet: false table is not written
                for (String table : catalog.tablesInLayers(exportLayers).stream().filter(table -> !notExported.contains(table)).toList()) {
                    Path target = parquet.resolve(table).resolve(table + ".parquet");
                    Files.createDirectories(target.getParent());
                    statement.execute("copy " + SqlIdentifiers.require(table) + " to "
                            + SqlIdentifiers.quoteLiteral(target.toString()) + " (format parquet)");
                }
                statement.execute("checkpoint");
            }
            steps.add(new StepTiming("export", rows, seconds(stepStart)));
            return new NightReport("plain-load floor", rows, seconds(started), ProcessUsage.processCpuSeconds() - cpuStarted, steps);
        }
    }

    private static List<String> option(JobDefinition job, String kind, String key) {
        return job.steps().stream().filter(step -> step.kind().equals(kind)).findFirst()
                .map(step -> step.listOption(key))
                .orElseThrow(() -> new IllegalStateException("job " + job.name() + " has no " + kind + " step"));
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
