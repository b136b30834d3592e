package dev.baton.observe;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.baton.jobs.JobCatalog;
import dev.baton.jobs.RunHistory;
import dev.baton.jobs.RunHistory.Run;
import dev.baton.publish.PublishedVersions;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.WarehouseLayout;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;

/**
 * What the metrics say, read from what lasts between processes (the run history and the published warehouse)
 * rather than from one process's counters: so {@code status} after a {@code run} writes the same numbers as the
 * run did, and a scrape of {@code serve} agrees with the file.
 */
final class WarehouseMetrics {

    private static final Logger log = LoggerFactory.getLogger(WarehouseMetrics.class);

    /** One gauge family: name (Micrometer dots; Prometheus underscores), help, unit (null: none), its rows. */
    record Family(String name, String help, String unit, Map<Tags, Double> rows) {
    }

    private final RunHistory history;
    private final JobCatalog catalog;
    private final WarehouseLayout layout;
    private final Map<String, Family> families = new LinkedHashMap<>();

    WarehouseMetrics(RunHistory history, JobCatalog catalog, WarehouseLayout layout) {
        this.history = history;
        this.catalog = catalog;
        this.layout = layout;
    }

    List<Family> read() {
        families.clear();
        for (String job : catalog.jobNames()) {
            readRuns(job);
        }
        readPublished();
        return List.copyOf(families.values());
    }

    private void readRuns(String job) {
        List<Run> runs = history.recent(job, Integer.MAX_VALUE);
        Tags jobTag = Tags.of("job", job);
        if (!runs.isEmpty()) {
            Run last = runs.get(0);
            var execution = last.execution();
            Tags tags = jobTag.and("status", last.status().name()).and("run_date", String.valueOf(last.runDate()));
            put("baton.job.last.run.success", "1 when the job's latest run completed, 0 when it failed or is running",
                    null, jobTag, last.status() == BatchStatus.COMPLETED ? 1 : 0);
            put("baton.job.last.run.duration", "wall time of the job's latest run (so far, while it runs)", "seconds",
                    tags, seconds(execution.getStartTime(), execution.getEndTime()));
            for (StepExecution step : execution.getStepExecutions().stream()
                    .sorted(Comparator.comparing(StepExecution::getId)).toList()) {
                Tags stepTags = jobTag.and("step", step.getStepName());
                put("baton.step.last.run.duration", "wall time of the step in the job's latest run", "seconds",
                        stepTags.and("status", step.getStatus().name()), seconds(step.getStartTime(), step.getEndTime()));
                put("baton.step.last.run.success", "1 when the step completed in the job's latest run", null, stepTags,
                        step.getStatus() == BatchStatus.COMPLETED ? 1 : 0);
            }
        }
        Optional<LocalDateTime> lastSuccess = runs.stream()
                .filter(run -> run.status() == BatchStatus.COMPLETED && run.execution().getEndTime() != null)
                .map(run -> run.execution().getEndTime())
                .max(Comparator.naturalOrder());
        lastSuccess.ifPresent(end -> put("baton.job.last.success.timestamp",
                "when the job's last successful run ended (Unix time)", "seconds", jobTag, epochSeconds(end)));
    }

    private void readPublished() {
        new PublishedVersions(layout).current().ifPresent(version -> {
            put("baton.published.version", "sequence number of the published version (versions/<n>-<date>)", null,
                    Tags.empty(), version.sequence());
            put("baton.published.run.date.timestamp", "business date of the published version (Unix time, midnight UTC)",
                    "seconds", Tags.empty(), version.runDate().atStartOfDay(ZoneId.of("UTC")).toEpochSecond());
        });
        if (!Files.exists(layout.publishedFile())) {
            return;
        }
        try (Connection connection = DuckDbFiles.openReadOnly(layout.publishedFile());
                Statement statement = connection.createStatement()) {
            String published = "(select max(run_date) from run_context)";
            try (ResultSet rows = statement.executeQuery("select entity, sum(rows_read), sum(rows_loaded), "
                    + "sum(coalesce(rows_updated, 0)), sum(coalesce(rows_unchanged, 0)), sum(rows_quarantined) "
                    + "from load_reconciliation where run_date = " + published + " group by entity order by entity")) {
                while (rows.next()) {
                    Tags entity = Tags.of("entity", rows.getString(1));
                    String[] kinds = {"read", "loaded", "updated", "unchanged", "quarantined"};
                    for (int i = 0; i < kinds.length; i++) {
                        put("baton.entity.rows." + kinds[i], "rows " + kinds[i] + " per entity by the published night",
                                null, entity, rows.getLong(i + 2));
                    }
                }
            }
            try (ResultSet rows = statement.executeQuery("select count(*) filter (where not passed and severity <> 'warn'), "
                    + "count(*) filter (where not passed and severity = 'warn'), count(*) filter (where passed) "
                    + "from audit_results where run_date = " + published)) {
                rows.next();
                put("baton.audits.failed", "error audits of the published night that returned rows", null, Tags.empty(),
                        rows.getLong(1));
                put("baton.audits.warned", "warn audits of the published night that returned rows", null, Tags.empty(),
                        rows.getLong(2));
                put("baton.audits.passed", "audits of the published night that returned no rows", null, Tags.empty(), rows.getLong(3));
            }
            // each fact feed's age on the published night: the run date minus its newest date (check-freshness)
            try (ResultSet rows = statement.executeQuery("select entity, date_diff('day', newest_date, run_date), stale "
                    + "from feed_freshness where newest_date is not null order by entity")) {
                while (rows.next()) {
                    Tags entity = Tags.of("entity", rows.getString(1));
                    put("baton.feed.age", "days between a fact feed's newest date and the published night's run date", "days",
                            entity, rows.getLong(2));
                    put("baton.feed.stale", "1 when the feed was older than baton.freshness.max-age on the published night",
                            null, entity, rows.getBoolean(3) ? 1 : 0);
                }
            }
        } catch (Exception e) {
            // A warehouse being replaced this very moment, or one from an older layout: the run metrics still go out.
            log.warn("metrics: cannot read the published warehouse {}: {}", layout.publishedFile(), e.getMessage());
        }
    }

    private void put(String name, String help, String unit, Tags tags, double value) {
        families.computeIfAbsent(name, ignored -> new Family(name, help, unit, new LinkedHashMap<>())).rows().put(tags, value);
    }

    private static double seconds(LocalDateTime start, LocalDateTime end) {
        if (start == null) {
            return 0;
        }
        LocalDateTime until = end != null ? end : LocalDateTime.now();
        return Duration.between(start, until).toMillis() / 1000.0;
    }

    private static double epochSeconds(LocalDateTime time) {
        // Spring Batch stores local times of the JVM's zone.
        return time.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() / 1000.0;
    }
}
