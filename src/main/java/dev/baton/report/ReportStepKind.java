package dev.baton.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;

import dev.baton.jobs.JobDefinition.StepDefinition;
import dev.baton.jobs.RunParameters;
import dev.baton.jobs.StepKind;
import dev.baton.warehouse.BuildFiles;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.WarehouseLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code kind: report} — writes the static HTML report from the published warehouse, read-only like any
 * dashboard, so the report always shows what was published. The file is written beside its target and renamed
 * over it, so a browser never opens half a report.
 */
@Component
class ReportStepKind implements StepKind {

    private static final Logger log = LoggerFactory.getLogger(ReportStepKind.class);

    private final BuildFiles buildFiles;
    private final DuckDbFiles duckDb;

    ReportStepKind(BuildFiles buildFiles, DuckDbFiles duckDb) {
        this.buildFiles = buildFiles;
        this.duckDb = duckDb;
    }

    @Override
    public String kind() {
        return "report";
    }

    @Override
    public Tasklet tasklet(StepDefinition step) {
        String file = step.listOption("file").stream().findFirst().orElse("report/index.html");
        return (contribution, chunkContext) -> {
            RunParameters run = RunParameters.of(chunkContext);
            WarehouseLayout layout = buildFiles.layout();
            Path target = insideWarehouse(layout, file);
            String html;
            try (Connection connection = duckDb.openReadOnlyWithLimits(layout.publishedFile())) {
                html = new HtmlReport(ReportData.read(connection), run.runDate()).render();
            }
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Files.writeString(partial, html, StandardCharsets.UTF_8);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            log.info("report written to {} ({} bytes)", target, html.length());
            return RepeatStatus.FINISHED;
        };
    }

    /** The file comes from configuration: it must stay inside the warehouse folder. */
    static Path insideWarehouse(WarehouseLayout layout, String file) {
        Path target = layout.root().resolve(file).normalize();
        if (!target.startsWith(layout.root()) || target.equals(layout.root())) {
            throw new IllegalStateException("report file '" + file + "' leads outside the warehouse folder " + layout.root());
        }
        return target;
    }
}
