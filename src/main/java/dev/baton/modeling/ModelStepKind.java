package dev.baton.modeling;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.baton.jobs.JobDefinition.StepDefinition;
import dev.baton.jobs.RunParameters;
import dev.baton.jobs.StepKind;
import dev.baton.warehouse.BatonProperties;
import dev.baton.warehouse.BuildFiles;
import dev.baton.warehouse.ProjectFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code kind: models} — builds the models of the layers under {@code with.layers} in dependency order.
 * The runner owns DDL: the model files hold only a SELECT.
 */
@Component
class ModelStepKind implements StepKind {

    private static final Logger log = LoggerFactory.getLogger(ModelStepKind.class);

    private final ProjectFiles projectFiles;
    private final BuildFiles buildFiles;
    private final BatonProperties.Metrics metrics;
    private final boolean incremental;
    /** Null for the embedded DuckDB; otherwise the engine baton.engine names, found when the context starts. */
    private final ModelEngine engine;
    /** {@code baton.spark.work-dir} as set; empty for the default ({@link dev.baton.warehouse.WarehouseLayout#engineNight}). */
    private final String engineWorkDir;

    ModelStepKind(ProjectFiles projectFiles, BuildFiles buildFiles, BatonProperties properties) {
        this.projectFiles = projectFiles;
        this.buildFiles = buildFiles;
        this.metrics = properties.metrics();
        this.incremental = properties.models().incremental();
        this.engine = null;
        this.engineWorkDir = "";
    }

    @Autowired
    ModelStepKind(ProjectFiles projectFiles, BuildFiles buildFiles, BatonProperties properties, ModelEngineProperties engines) {
        this.projectFiles = projectFiles;
        this.buildFiles = buildFiles;
        this.metrics = properties.metrics();
        this.incremental = properties.models().incremental();
        this.engine = engines.engineOrNull();
        this.engineWorkDir = engines.spark().workDir();
    }

    @Override
    public String kind() {
        return "models";
    }

    @Override
    public Class<?> optionsType() {
        return ModelOptions.class;
    }

    @Override
    public Tasklet tasklet(StepDefinition step) {
        ModelOptions options = step.options(ModelOptions.class);
        List<String> layers = options.layers();
        PlanProductLines productLines = new PlanProductLines(options.productLines());
        if (layers.isEmpty() || !ModelCatalog.LAYERS.containsAll(layers)) {
            throw new IllegalStateException("step '" + step.name() + "' needs with.layers from " + ModelCatalog.LAYERS + ", got " + layers);
        }
        return (contribution, chunkContext) -> {
            RunParameters run = RunParameters.of(chunkContext);
            try (Connection connection = buildFiles.open(run.jobName(), run.runDate())) {
                productLines.writeTo(connection);
                contribution.incrementWriteCount(buildModels(connection, run, layers));
            }
            return RepeatStatus.FINISHED;
        };
    }

    /** Builds the models of these layers in order on an open connection; returns how many were built. */
    int buildModels(Connection connection, RunParameters run, List<String> layers) throws SQLException {
        // Read the models when the step runs, so a fixed model file is picked up by a restart.
        ModelCatalog catalog = ModelCatalog.load(projectFiles);
        List<Model> models = catalog.inLayers(layers);
        addSparkFunctions(connection);
        LakeTables.forget(connection, models);
        RunContext.write(connection, run.runDate(), metrics);
        if (engine != null) {
            long started = System.nanoTime();
            // the tables come back whole from the other engine: the next night on DuckDB builds them whole
            BuildLedger.on(connection).forgetAllBuilds();
            engine.build(connection, catalog, layers, run.runDate(),
                    buildFiles.layout().engineNight(engineWorkDir, run.jobName(), run.runDate()));
            writeDescriptions(connection, catalog, models);
            log.info("{} models built on {} in {} ms", models.size(), engine.name(), (System.nanoTime() - started) / 1_000_000);
            return models.size();
        }
        IncrementalBuild build = IncrementalBuild.start(connection, run.runDate(), models, catalog, incremental);
        for (Model model : models) {
            build.build(model);
        }
        build.finish();
        writeDescriptions(connection, catalog, models);
        long checkpointing = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            // written now rather than when the connection closes, so the log says what it cost
            statement.execute("checkpoint");
        }
        log.info("{} models built; checkpoint in {} ms", models.size(), (System.nanoTime() - checkpointing) / 1_000_000);
        return models.size();
    }

    /** A rebuilt table or view has lost its comments; the audits and the published file need them. */
    private void writeDescriptions(Connection connection, ModelCatalog catalog, List<Model> models) throws SQLException {
        ColumnDescriptions.load(projectFiles, catalog).writeComments(connection, models.stream().map(Model::name).toList());
    }

    /**
     * Models are written in the subset DuckDB and Spark SQL share; where only Spark has a function, DuckDB gets
     * a same-named macro for this connection. Temporary, so only materialised tables may use them, never views.
     */
    static void addSparkFunctions(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create or replace temp macro unix_seconds(ts) as cast(epoch(ts) as bigint)");
            // Spark's from_utc_timestamp(ts, zone): the wall-clock time in that zone, whatever the session zone is
            statement.execute("create or replace temp macro from_utc_timestamp(ts, zone) as timezone(zone, cast(ts as timestamptz))");
        }
    }
}
