package dev.baton.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.baton.jobs.JobDefinition.StepDefinition;
import dev.baton.jobs.RunParameters;
import dev.baton.jobs.StepKind;
import dev.baton.modeling.ModelCatalog;
import dev.baton.warehouse.BuildFiles;
import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.SqlIdentifiers;
import dev.baton.warehouse.WarehouseLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code kind: publish} — writes the Parquet copies, then renames the finished build file over the published
 * warehouse. Readers holding the old file keep their snapshot; new connections see the new one; a run that
 * fails before this step leaves the published warehouse as it was.
 */
@Component
class PublishStepKind implements StepKind {

    private static final Logger log = LoggerFactory.getLogger(PublishStepKind.class);

    private final ProjectFiles projectFiles;
    private final BuildFiles buildFiles;

    PublishStepKind(ProjectFiles projectFiles, BuildFiles buildFiles) {
        this.projectFiles = projectFiles;
        this.buildFiles = buildFiles;
    }

    @Override
    public String kind() {
        return "publish";
    }

    @Override
    public Tasklet tasklet(StepDefinition step) {
        List<String> parquetLayers = step.listOption("parquet");
        return (contribution, chunkContext) -> {
            RunParameters run = RunParameters.of(chunkContext);
            WarehouseLayout layout = buildFiles.layout();
            Path buildFile = layout.buildFile(run.jobName(), run.runDate());
            Path newParquet = Path.of(buildFile + ".parquet");
            deleteTree(newParquet);
            List<String> tables = ModelCatalog.load(projectFiles).tablesInLayers(parquetLayers);
            try (Connection connection = buildFiles.open(run.jobName(), run.runDate());
                    Statement statement = connection.createStatement()) {
                for (String table : tables) {
                    Path target = newParquet.resolve(table).resolve(table + ".parquet");
                    Files.createDirectories(target.getParent());
                    statement.execute("copy " + SqlIdentifiers.require(table) + " to "
                            + SqlIdentifiers.quoteLiteral(target.toString()) + " (format parquet)");
                    contribution.incrementWriteCount(1);
                }
                // Everything into the main file before the rename: a .wal left behind would not travel with it.
                statement.execute("checkpoint");
            }
            if (Files.exists(Path.of(buildFile + ".wal"))) {
                throw new IllegalStateException("build file " + buildFile + " still has a .wal after checkpoint; not publishing");
            }
            Files.move(buildFile, layout.publishedFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            swapParquet(newParquet, layout.parquetDir());
            log.info("published {} for run date {} ({} Parquet tables)", layout.publishedFile(), run.runDate(), tables.size());
            return RepeatStatus.FINISHED;
        };
    }

    private static void swapParquet(Path fresh, Path published) throws IOException {
        Path previous = published.resolveSibling(published.getFileName() + ".previous");
        deleteTree(previous);
        if (Files.exists(published)) {
            Files.move(published, previous, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(fresh, published, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(previous);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
