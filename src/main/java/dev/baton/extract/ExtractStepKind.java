package dev.baton.extract;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import dev.baton.jobs.JobDefinition.StepDefinition;
import dev.baton.jobs.RunParameters;
import dev.baton.jobs.StepKind;
import dev.baton.warehouse.BatonProperties;
import dev.baton.warehouse.BuildFiles;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.SqlIdentifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code kind: extract} — loads the entities listed under {@code with.entities} from the landing folder into a
 * fresh build file. Starting fresh makes the step safe to re-run after a crash.
 */
@Component
class ExtractStepKind implements StepKind {

    private static final Logger log = LoggerFactory.getLogger(ExtractStepKind.class);

    private final BuildFiles buildFiles;
    private final DuckDbFiles duckDb;
    private final double maxQuarantinedShare;

    ExtractStepKind(BuildFiles buildFiles, DuckDbFiles duckDb, BatonProperties properties) {
        this.buildFiles = buildFiles;
        this.duckDb = duckDb;
        this.maxQuarantinedShare = properties.extract().maxQuarantinedShare();
    }

    @Override
    public String kind() {
        return "extract";
    }

    @Override
    public Tasklet tasklet(StepDefinition step) {
        List<String> entities = step.listOption("entities").stream().map(SqlIdentifiers::require).toList();
        if (entities.isEmpty()) {
            throw new IllegalStateException("step '" + step.name() + "' lists no entities under with.entities");
        }
        return (contribution, chunkContext) -> {
            RunParameters run = RunParameters.of(chunkContext);
            Path buildFile = buildFiles.createFresh(run.jobName(), run.runDate());
            LandingFiles landing = new LandingFiles(run.landing());
            try (Connection connection = duckDb.openReadWrite(buildFile)) {
                connection.setAutoCommit(false);
                CsvDeliveryLoader loader = new CsvDeliveryLoader(connection, run.runDate());
                for (String entity : entities) {
                    LandingContract contract = LandingContract.read(connection, entity);
                    for (Path file : landing.of(entity)) {
                        long started = System.nanoTime();
                        CsvDeliveryLoader.Delivery delivery = loader.load(contract, file);
                        rejectWhenMostlyBad(delivery);
                        connection.commit();
                        // Batch's own counters mirror the reconciliation: written = loaded, filtered = quarantined.
                        contribution.incrementWriteCount(delivery.rowsLoaded());
                        contribution.incrementFilterCount(delivery.rowsQuarantined());
                        logDelivery(delivery, System.nanoTime() - started);
                    }
                }
            }
            return RepeatStatus.FINISHED;
        };
    }

    private void rejectWhenMostlyBad(CsvDeliveryLoader.Delivery delivery) {
        if (delivery.rowsRead() > 0 && delivery.rowsQuarantined() > maxQuarantinedShare * delivery.rowsRead()) {
            throw new IllegalStateException(String.format(
                    "%s: %d of %d rows are bad, more than the %.0f%% allowed (baton.extract.max-quarantined-share); first: %s",
                    delivery.sourceFile(), delivery.rowsQuarantined(), delivery.rowsRead(), maxQuarantinedShare * 100,
                    String.join("; ", delivery.firstProblems())));
        }
    }

    private static void logDelivery(CsvDeliveryLoader.Delivery delivery, long nanos) {
        double seconds = Math.max(nanos / 1e9, 1e-6);
        log.info("extract {} {}: read {} loaded {} quarantined {} ({} rows/s)", delivery.entity(), delivery.sourceFile(),
                delivery.rowsRead(), delivery.rowsLoaded(), delivery.rowsQuarantined(), Math.round(delivery.rowsRead() / seconds));
        if (delivery.rowsQuarantined() > 0) {
            log.warn("extract {} {}: quarantined lines, first: {}", delivery.entity(), delivery.sourceFile(),
                    String.join("; ", delivery.firstProblems()));
        }
    }
}
