package dev.baton.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import dev.baton.jobs.JobRunner;
import dev.baton.jobs.RunHistory;
import dev.baton.warehouse.WarehouseLayout;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = "Run a job for every business date from --from to --to, oldest first. Completed dates are "
                + "skipped unless --rerun; failed dates restart at their failed step; the first failure stops it.")
final class BackfillCommand implements Callable<Integer> {

    @Mixin
    RunContextOptions options;

    /** A year of nights; more is almost certainly a typo in a date. */
    static final int MAX_DATES = 366;

    @Option(names = "--job", defaultValue = "nightly", description = "Job from jobs/ (default: ${DEFAULT-VALUE}).")
    String job;

    @Option(names = "--from", required = true, description = "First business date YYYY-MM-DD.")
    LocalDate from;

    @Option(names = "--to", required = true, description = "Last business date YYYY-MM-DD (inclusive).")
    LocalDate to;

    @Option(names = "--rerun", description = "Also run completed dates again, each as its next attempt.")
    boolean rerun;

    @Option(names = "--landing", description = "Landing folder with <entity>*.csv files (default: generated sample data).")
    Path landing;

    @Option(names = "--publish-older", description = "Publish the night even when the published one has a later run date "
            + "(default: an older night is built, audited and kept under versions/, not published).")
    boolean publishOlder;

    @Override
    public Integer call() throws Exception {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        if (from.datesUntil(to.plusDays(1)).count() > MAX_DATES) {
            throw new IllegalArgumentException("a backfill covers at most " + MAX_DATES + " dates; split the range");
        }
        WarehouseLayout layout = options.layout();
        Preflight.job(options.projectDir, job);
        Preflight.landing(landing);
        Preflight.rateFeed(options.settings, landing);
        layout.createDirectories();
        RunContextOptions.refuseWhileRunning(layout, job);
        Path landingFolder = landing != null ? landing : RunCommand.sampleLanding(layout, to);
        int ran = 0;
        int skipped = 0;
        try (ConfigurableApplicationContext context = options.start(layout)) {
            JobRunner runner = context.getBean(JobRunner.class);
            RunHistory history = context.getBean(RunHistory.class);
            for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
                if (!rerun && history.isCompleted(job, date)) {
                    skipped++;
                    System.out.println("skipped " + date + ": already completed");
                    continue;
                }
                JobRunner.Outcome outcome = runner.run(job, date, landingFolder, rerun, publishOlder);
                if (outcome.succeeded()) {
                    ran++;
                    System.out.println(outcome.message());
                } else {
                    System.err.println("baton: backfill stopped at " + date + ": " + outcome.message());
                    return outcome.refused() ? BatonCli.USAGE : BatonCli.JOB_FAILED;
                }
            }
        }
        System.out.printf("Backfill %s..%s: %d run, %d skipped%n", from, to, ran, skipped);
        return BatonCli.OK;
    }
}
