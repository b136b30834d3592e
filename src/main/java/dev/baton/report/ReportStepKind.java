package dev.baton.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;

import dev.baton.jobs.JobDefinition.StepDefinition;
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
 * {@code kind: report} — after the publish step, writes the static HTML report of the version just published into its
 * version folder and points {@code <warehouse>/report} at it (see {@link PublishedReport}); read-only like any
 * dashboard, so the report always shows what was published. {@code with.file} other than the default
 * {@code report/index.html} also writes a copy to that path inside the warehouse folder (not versioned).
 */
@Component
class ReportStepKind implements StepKind {

    static final String DEFAULT_FILE = "report/index.html";
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
    public Class<?> optionsType() {
        return ReportOptions.class;
    }

    @Override
    public Tasklet tasklet(StepDefinition step) {
        String option = step.options(ReportOptions.class).file();
        String file = option == null ? DEFAULT_FILE : option;
        return (contribution, chunkContext) -> {
            WarehouseLayout layout = buildFiles.layout();
            Path copy = insideWarehouse(layout, file);
            Path written = PublishedReport.render(layout, duckDb);
            log.info("report written to {} ({} bytes)", written, Files.size(written));
            if (!copy.equals(layout.root().resolve(DEFAULT_FILE))) {
                PublishedReport.write(copy, Files.readString(written, StandardCharsets.UTF_8));
                log.info("report copied to {}", copy);
            }
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
