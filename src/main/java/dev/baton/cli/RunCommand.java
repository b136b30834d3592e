package dev.baton.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.concurrent.Callable;

import dev.baton.generate.LandingGenerator;
import dev.baton.jobs.JobRunner;
import dev.baton.publish.PublishedVersions;
import dev.baton.warehouse.WarehouseLayout;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a job (default: the nightly job) for one business date. With no options it runs on "
                + "generated sample data into ./warehouse.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    RunContextOptions options;

    /**
     * The demo data set: fixed seed and size, over the 36 months up to the run date, so its current months are real
     * (a sample ending before the run date would be a stale feed, refused by the freshness check).
     */
    static final long SAMPLE_SEED = 42;
    static final int SAMPLE_ACCOUNTS = 300;
    static final int SAMPLE_MONTHS = 36;
    /** In the sample folder: the window it was generated for, so a run in a later month generates it again. */
    /** Beside the sample folder, not in it: a file in the landing folder is a delivery (or an unclaimed file). */
    private static final String SAMPLE_WINDOW = ".window";

    @Option(names = "--job", defaultValue = "nightly", description = "Job from jobs/ (default: ${DEFAULT-VALUE}).")
    String job;

    @Option(names = "--landing", description = "Landing folder with <entity>*.csv files (default: generated sample data).")
    Path landing;

    @Option(names = "--run-date", description = "Business date YYYY-MM-DD (default: today).")
    LocalDate runDate;

    @Option(names = "--rerun", description = "Run a completed date again, as its next attempt (default: refuse).")
    boolean rerun;

    @Option(names = "--publish-older", description = "Publish the night even when the published one has a later run date "
            + "(default: an older night is built, audited and kept under versions/, not published).")
    boolean publishOlder;

    @Override
    public Integer call() throws Exception {
        WarehouseLayout layout = options.layout();
        Preflight.job(options.projectDir, job);
        Preflight.landing(landing);
        Preflight.rateFeed(options.settings, landing);
        layout.createDirectories();
        LocalDate date = runDate != null ? runDate : LocalDate.now();
        RunContextOptions.refuseWhileRunning(layout, job);
        Path landingFolder = landing != null ? landing : sampleLanding(layout, date);
        try (ConfigurableApplicationContext context = options.start(layout)) {
            JobRunner.Outcome outcome = context.getBean(JobRunner.class).run(job, date, landingFolder, rerun, publishOlder);
            if (outcome.succeeded()) {
                System.out.println(outcome.message());
                if (!heldBack(layout, date)) {
                    System.out.println("Published " + layout.publishedFile());
                }
                return BatonCli.OK;
            }
            System.err.println("baton: " + outcome.message());
            return outcome.refused() ? BatonCli.USAGE : BatonCli.JOB_FAILED;
        }
    }

    /** Whether the published night is later than the one just run: its publish kept it as a version only. */
    private static boolean heldBack(WarehouseLayout layout, LocalDate date) {
        return new PublishedVersions(layout).current().filter(version -> version.runDate().isAfter(date)).isPresent();
    }

    /** The sample for a run today. */
    static Path sampleLanding(WarehouseLayout layout) throws Exception {
        return sampleLanding(layout, LocalDate.now());
    }

    /**
     * The sample company over the {@value #SAMPLE_MONTHS} months ending with the run date's month, generated again when
     * the folder holds another window (its files are replaced; rows landed from the earlier window stay landed).
     */
    static Path sampleLanding(WarehouseLayout layout, LocalDate runDate) throws Exception {
        Path folder = layout.sampleLandingDir();
        YearMonth start = YearMonth.from(runDate).minusMonths(SAMPLE_MONTHS - 1L);
        String window = start + " " + SAMPLE_MONTHS + " months, seed " + SAMPLE_SEED + ", " + SAMPLE_ACCOUNTS + " accounts";
        Path marker = folder.resolveSibling(folder.getFileName() + SAMPLE_WINDOW);
        if (!Files.isRegularFile(marker) || !Files.readString(marker).strip().equals(window)) {
            new LandingGenerator(SAMPLE_SEED, SAMPLE_ACCOUNTS, start, SAMPLE_MONTHS).writeTo(folder);
            Files.writeString(marker, window + "\n");
            System.out.println("Generated sample landing data (" + window + ") in " + folder);
        }
        return folder;
    }
}
