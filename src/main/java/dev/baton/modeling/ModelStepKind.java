package dev.baton.modeling;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
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
    private final Path engineWorkDir;

    ModelStepKind(ProjectFiles projectFiles, BuildFiles buildFiles, BatonProperties properties) {
        this.projectFiles = projectFiles;
        this.buildFiles = buildFiles;
        this.metrics = properties.metrics();
        this.incremental = properties.models().incremental();
        this.engine = null;
        this.engineWorkDir = null;
    }

    @Autowired
    ModelStepKind(ProjectFiles projectFiles, BuildFiles buildFiles, BatonProperties properties, ModelEngineProperties engines) {
        this.projectFiles = projectFiles;
        this.buildFiles = buildFiles;
        this.metrics = properties.metrics();
        this.incremental = properties.models().incremental();
        this.engine = engines.engineOrNull();
        this.engineWorkDir = engines.workDir(properties.warehouse());
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
        writeRunContext(connection, run);
        if (engine != null) {
            long started = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                // the tables come back whole from the other engine: the next night on DuckDB builds them whole
                statement.execute("delete from model_builds");
            }
            engine.build(connection, catalog, layers, run.runDate(), engineWorkDir.resolve(run.jobName() + "-" + run.runDate()));
            log.info("{} models built on {} in {} ms", models.size(), engine.name(), (System.nanoTime() - started) / 1_000_000);
            return models.size();
        }
        IncrementalBuild build = IncrementalBuild.start(connection, run.runDate(), models, catalog, incremental);
        for (Model model : models) {
            build.build(model);
        }
        build.finish();
        long checkpointing = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            // written now rather than when the connection closes, so the log says what it cost
            statement.execute("checkpoint");
        }
        log.info("{} models built; checkpoint in {} ms", models.size(), (System.nanoTime() - checkpointing) / 1_000_000);
        return models.size();
    }

    /**
     * Models are written in the subset DuckDB and Spark SQL share; where only Spark has a function, DuckDB gets
     * a same-named macro for this connection. Temporary, so only materialised tables may use them, never views.
     */
    private static void addSparkFunctions(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create or replace temp macro unix_seconds(ts) as cast(epoch(ts) as bigint)");
            // Spark's from_utc_timestamp(ts, zone): the wall-clock time in that zone, whatever the session zone is
            statement.execute("create or replace temp macro from_utc_timestamp(ts, zone) as timezone(zone, cast(ts as timestamptz))");
        }
    }

    private void writeRunContext(Connection connection, RunParameters run) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("delete from run_context");
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into run_context (run_date, reporting_currency, gross_margin, ltv_churn_window_months,
                    reporting_time_zone, churn_recognition, pause_treatment, trials, discounts, fx_rate_rule,
                    cac_lag_months, ltv_max_lifetime_months)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, run.runDate());
            insert.setString(2, metrics.reportingCurrency());
            insert.setBigDecimal(3, metrics.grossMargin());
            insert.setInt(4, metrics.ltvChurnWindowMonths());
            insert.setString(5, metrics.reportingTimeZone());
            insert.setString(6, metrics.churnRecognition().settingValue());
            insert.setString(7, metrics.pauseTreatment().settingValue());
            insert.setString(8, metrics.trials().settingValue());
            insert.setString(9, metrics.discounts().settingValue());
            insert.setString(10, metrics.fxRateRule().settingValue());
            insert.setInt(11, metrics.cacLagMonths());
            insert.setInt(12, metrics.ltvMaxLifetimeMonths());
            insert.executeUpdate();
        }
    }
}
