package dev.baton.extract;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import dev.baton.jobs.JobDefinition.StepDefinition;
import dev.baton.jobs.RunParameters;
import dev.baton.jobs.RunWarnings;
import dev.baton.jobs.StepKind;
import dev.baton.warehouse.BatonProperties;
import dev.baton.warehouse.BuildFiles;
import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.SqlIdentifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * {@code kind: extract} — loads the landing folder into the run's build file, which starts from the published
 * warehouse's landed rows (so staging persists across nights and a re-run cannot load anything twice).
 * {@code with.entities} loads canonical files ({@code <entity>*.csv|jsonl|parquet}); {@code with.source} names a
 * source mapping in {@code jobs/sources/} that maps export files onto the contract; {@code with.sources} names several,
 * each reading its own folder under the landing folder (with canonical {@code with.entities} from the landing folder
 * itself); {@code with.jdbc} names a JDBC source there (rows changed since the stored watermark).
 */
@Component
class ExtractStepKind implements StepKind {

    private static final Logger log = LoggerFactory.getLogger(ExtractStepKind.class);

    /** Step execution context key whose text JobRunner adds to the run's summary line. */
    private static final String SUMMARY_NOTE = "baton.summary-note";

    private final BuildFiles buildFiles;
    private final ProjectFiles projectFiles;
    private final BatonProperties properties;
    private final Environment environment;

    ExtractStepKind(BuildFiles buildFiles, ProjectFiles projectFiles, BatonProperties properties,
            Environment environment) {
        this.buildFiles = buildFiles;
        this.projectFiles = projectFiles;
        this.properties = properties;
        this.environment = environment;
    }

    @Override
    public String kind() {
        return "extract";
    }

    @Override
    public Class<?> optionsType() {
        return ExtractOptions.class;
    }

    @Override
    public Tasklet tasklet(StepDefinition step) {
        ExtractOptions options = step.options(ExtractOptions.class);
        List<String> entities = options.entities().stream().map(SqlIdentifiers::require).toList();
        SourceMapping mapping = options.source() == null ? null : SourceMapping.read(projectFiles, options.source());
        JdbcSource jdbc = options.jdbc() == null ? null : JdbcSource.read(projectFiles, options.jdbc());
        if (entities.isEmpty() && mapping == null && jdbc == null && options.sources().isEmpty()) {
            throw new IllegalStateException("step '" + step.name() + "' names no with.entities, with.source, with.sources"
                    + " or with.jdbc");
        }
        if (!options.sources().isEmpty() && (mapping != null || jdbc != null)) {
            throw new IllegalStateException("step '" + step.name() + "': with.sources reads several mappings; name the"
                    + " source as one of them, not also with.source or with.jdbc");
        }
        List<NightSource> sources = options.sources().stream().map(source -> nightSource(step, source)).toList();
        return (contribution, chunkContext) -> {
            DeliveryEngine csvEngine = DeliveryEngine.of(environment.getProperty("baton.extract.engine"),
                    environment.getProperty("baton.engine"), environment.getProperty("baton.spark.work-dir", ""));
            RunParameters run = RunParameters.of(chunkContext);
            buildFiles.createFresh(run.jobName(), run.runDate());
            // The key is a secret: only from the environment (BATON_HASH_KEY), never from a file in the project.
            KeyedHash keyedHash = KeyedHash.fromKey(environment.getProperty(KeyedHash.KEY_VARIABLE));
            try (Connection connection = buildFiles.open(run.jobName(), run.runDate())) {
                connection.setAutoCommit(false);
                Extraction extraction = new Extraction(connection, run.runDate(), keyedHash,
                        properties.metrics().reportingCurrency(), buildFiles.layout().root().resolve("raw"),
                        properties.extract().maxQuarantinedShare(),
                        environment.getProperty("baton.extract.require-hash-key", Boolean.class, false),
                        // beside the models' Parquet of the same night
                        csvEngine, buildFiles.layout().engineNight(environment.getProperty("baton.spark.work-dir", ""),
                                run.jobName(), run.runDate()).resolve("extract"));
                // JDBC URLs and credentials: only ever from the process environment.
                List<DeliveryLoader.Delivery> deliveries = jdbc != null ? extraction.jdbc(jdbc, System::getenv)
                        : mapping != null ? extraction.mapping(mapping, run.landing())
                        : !sources.isEmpty() ? extraction.sources(sources, entities, run.landing(), System::getenv)
                        : extraction.landing(entities, run.landing());
                List<String> notes = new ArrayList<>();
                if (!extraction.unclaimed().isEmpty()) {
                    notes.add("landing files no entity claims, not read: " + String.join(", ", extraction.unclaimed()));
                }
                List<String> warnings = new ArrayList<>();
                for (DeliveryLoader.Delivery delivery : deliveries) {
                    String columns = delivery.columns().note(delivery.sourceFile());
                    if (!columns.isEmpty()) {
                        notes.add(columns);
                    }
                    warnings.addAll(delivery.columns().warnings());
                }
                if (!notes.isEmpty()) {
                    chunkContext.getStepContext().getStepExecution().getExecutionContext().putString(SUMMARY_NOTE,
                            String.join("; ", notes));
                }
                warnings.forEach(warning -> log.warn("extract: {}", warning));
                // A warning, not a failure: the column may be empty on purpose; the summary says which and why.
                RunWarnings.set(chunkContext, warnings);
                for (DeliveryLoader.Delivery delivery : deliveries) {
                    // Batch's own counters mirror the reconciliation: written = loaded + updated, filtered = quarantined.
                    contribution.incrementWriteCount(delivery.rowsLoaded() + delivery.rowsUpdated());
                    contribution.incrementFilterCount(delivery.rowsQuarantined());
                    logDelivery(delivery);
                }
            }
            return RepeatStatus.FINISHED;
        };
    }

    private NightSource nightSource(StepDefinition step, ExtractOptions.SourceFolder source) {
        if ((source.source() == null) == (source.jdbc() == null)) {
            throw new IllegalStateException("step '" + step.name() + "': each with.sources entry names either source"
                    + " (a mapping over files) or jdbc");
        }
        if (source.jdbc() != null) {
            if (source.folder() != null) {
                throw new IllegalStateException("step '" + step.name() + "': jdbc source " + source.jdbc()
                        + " reads no folder");
            }
            return new NightSource.Database(JdbcSource.read(projectFiles, source.jdbc()));
        }
        return new MappedFolder(SourceMapping.read(projectFiles, source.source()),
                MappedFolder.relativeFolder(step.name(), source.folderOrDefault()));
    }

    private static void logDelivery(DeliveryLoader.Delivery delivery) {
        log.info("extract {} {}: read {} loaded {} updated {} unchanged {} quarantined {}", delivery.entity(),
                delivery.sourceFile(), delivery.rowsRead(), delivery.rowsLoaded(), delivery.rowsUpdated(),
                delivery.rowsUnchanged(), delivery.rowsQuarantined());
        if (delivery.rowsQuarantined() > 0) {
            log.warn("extract {} {}: quarantined lines, first: {}", delivery.entity(), delivery.sourceFile(),
                    String.join("; ", delivery.firstProblems()));
        }
    }
}
