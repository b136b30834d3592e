package dev.baton.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import dev.baton.jobs.JobCatalog;
import dev.baton.jobs.RunHistory;
import dev.baton.jobs.RunningNights;
import dev.baton.jobs.RunHistory.Run;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.WarehouseLayout;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the last runs (status, duration, rows per step), the published version with its "
                + "quarantine counts and audit results. Exits 1 when the last run failed.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    RunContextOptions options;

    @Option(names = "--last", defaultValue = "10", description = "How many runs to list (default: ${DEFAULT-VALUE}).")
    int last;


    @Override
    public Integer call() throws Exception {
        WarehouseLayout layout = options.layout();
        if (!Files.isDirectory(layout.root())) {
            throw new IllegalArgumentException("No warehouse folder at " + layout.root());
        }
        List<String> running = RunningNights.all(layout);
        if (!running.isEmpty() && options.historyInWarehouse()) {
            printPublished(layout.publishedFile());
            System.out.println();
            running.forEach(night -> System.out.println("Running: " + night));
            System.out.println("Run history: shown once the night has ended (its process has state/batch.mv.db open, and H2"
                    + " admits one process)");
            return BatonCli.OK;
        }
        List<Run> runs = new ArrayList<>();
        try (ConfigurableApplicationContext context = options.start(layout)) {
            RunHistory history = context.getBean(RunHistory.class);
            for (String job : context.getBean(JobCatalog.class).jobNames()) {
                runs.addAll(history.recent(job, last));
            }
        }
        runs.sort(Comparator.comparing(Run::executionId).reversed());
        runs = runs.stream().limit(last).toList();

        printPublished(layout.publishedFile());
        System.out.println();
        running.forEach(night -> System.out.println("Running: " + night));
        if (runs.isEmpty()) {
            System.out.println("No runs yet.");
            return BatonCli.OK;
        }
        System.out.printf("%-6s %-10s %-10s %-7s %-9s %-19s %9s  %s%n", "exec", "job", "run date", "attempt", "status",
                "started", "duration", "rows per step");
        for (Run run : runs) {
            var execution = run.execution();
            boolean dead = isDead(run);
            System.out.printf("%-6d %-10s %-10s %-7d %-9s %-19s %9s  %s%n", run.executionId(), run.jobName(), run.runDate(),
                    run.attempt(), dead ? "DEAD" : run.status(),
                    execution.getStartTime() == null ? "-" : execution.getStartTime().withNano(0),
                    dead ? "-" : duration(execution.getStartTime(), execution.getEndTime()), steps(execution.getStepExecutions()));
        }
        runs.stream().filter(run -> run.status().isRunning()).forEach(StatusCommand::printLiveness);
        Run latest = runs.get(0);
        if (isDead(latest)) {
            System.err.println("baton: the last run (" + latest.jobName() + " for " + latest.runDate() + ") is marked "
                    + latest.status() + " but its process (" + latest.owner() + ") is gone; `baton recover` marks it FAILED");
            return BatonCli.JOB_FAILED;
        }
        if (latest.status() != BatchStatus.COMPLETED && !latest.status().isRunning()) {
            String reason = latest.execution().getExitStatus().getExitDescription();
            System.err.println("baton: the last run (" + latest.jobName() + " for " + latest.runDate() + ") "
                    + latest.status() + (reason == null || reason.isBlank() ? "" : ": " + reason.lines().findFirst().orElse("")));
            return BatonCli.JOB_FAILED;
        }
        return BatonCli.OK;
    }

    /** The history says running; a run whose process is gone is not (until `recover` or the next run says FAILED). */
    private static boolean isDead(Run run) {
        return run.status().isRunning() && run.liveness() == RunHistory.Liveness.DEAD;
    }

    private static void printLiveness(Run run) {
        String which = "execution " + run.executionId() + " (" + run.jobName() + " for " + run.runDate() + ")";
        System.out.println(switch (run.liveness()) {
            case ALIVE -> which + " is running: " + run.owner() + " is alive";
            case DEAD -> which + " is dead: marked " + run.status() + " but " + run.owner()
                    + " is gone; `baton recover` (or the next run) marks it FAILED and the next run restarts it";
            case ELSEWHERE -> which + " is marked " + run.status() + " by " + run.owner() + "; check it on that host";
            case UNKNOWN -> which + " is starting (no process recorded yet)";
        });
    }

    private static String steps(Collection<StepExecution> steps) {
        return steps.stream()
                .sorted(Comparator.comparing(StepExecution::getId))
                .map(step -> step.getStepName() + (step.getStatus() == BatchStatus.COMPLETED ? "" : " " + step.getStatus())
                        + " " + step.getWriteCount() + (step.getFilterCount() > 0 ? " (+" + step.getFilterCount() + " quarantined)" : ""))
                .collect(Collectors.joining(", "));
    }

    private static void printPublished(Path published) {
        if (!Files.exists(published)) {
            System.out.println("Published: nothing yet (" + published + ")");
            return;
        }
        try (Connection connection = DuckDbFiles.openReadOnly(published); Statement statement = connection.createStatement()) {
            String runDate = single(statement, "select cast(max(run_date) as varchar) from run_context");
            System.out.printf("Published: %s, run date %s, written %s%n", published, runDate,
                    Files.getLastModifiedTime(published).toInstant().truncatedTo(ChronoUnit.SECONDS));
            System.out.println("Quarantined rows: " + grouped(statement,
                    "select entity, count(*) from quarantine group by entity order by entity"));
            String audits = single(statement, "select count(*) filter (where passed) || ' passed, '"
                    + " || count(*) filter (where not passed and severity = 'error') || ' failed, '"
                    + " || count(*) filter (where not passed and severity = 'warn') || ' warned' from audit_results");
            System.out.println("Audits: " + audits);
            for (String warning : column(statement, "select 'audit ' || audit_name || ' returned ' || failing_rows || ' row(s)'"
                    + " from audit_results where not passed and severity = 'warn' order by audit_name")) {
                System.out.println("  warning: " + warning);
            }
        } catch (Exception e) {
            System.out.println("Published: " + published + " (cannot read: " + BatonCli.oneLine(e) + ")");
            return;
        }
        printFeeds(published);
    }

    /** Each fact feed's newest date as the published night's freshness check found it (none before that check existed). */
    private static void printFeeds(Path published) {
        try (Connection connection = DuckDbFiles.openReadOnly(published); Statement statement = connection.createStatement()) {
            List<String> feeds = column(statement, "select entity || ' ' || coalesce(cast(newest_date as varchar), 'no rows')"
                    + " || case when stale then ' (stale)' else '' end from feed_freshness order by entity");
            if (!feeds.isEmpty()) {
                System.out.println("Feeds (newest date): " + String.join(", ", feeds));
            }
            for (String warning : column(statement, "select entity || ' feed''s newest date is ' || cast(newest_date as varchar)"
                    + " || ', older than baton.freshness.max-age before the run date ' || cast(run_date as varchar)"
                    + " from feed_freshness where stale order by entity")) {
                System.out.println("  warning: " + warning);
            }
        } catch (Exception e) {
            // a warehouse published before the freshness check has no feed_freshness table: nothing to show
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static List<String> column(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static String grouped(Statement statement, String sql) throws SQLException {
        List<String> parts = new ArrayList<>();
        long total = 0;
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                parts.add(rows.getString(1) + " " + rows.getLong(2));
                total += rows.getLong(2);
            }
        }
        return total + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }

    private static String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null) {
            return "-";
        }
        if (end == null) {
            return "running";
        }
        return String.format("%.1f s", Duration.between(start, end).toMillis() / 1000.0);
    }
}
