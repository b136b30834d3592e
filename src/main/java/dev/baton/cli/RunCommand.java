package dev.baton.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.concurrent.Callable;

import dev.baton.generate.LandingGenerator;
import dev.baton.jobs.JobRunner;
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

    /** The demo data set: fixed, so the README's numbers are the same on every machine. */
    static final long SAMPLE_SEED = 42;
    static final int SAMPLE_ACCOUNTS = 300;
    static final YearMonth SAMPLE_START = YearMonth.of(2023, 1);
    static final int SAMPLE_MONTHS = 36;

    @Option(names = "--job", defaultValue = "nightly", description = "Job from jobs/ (default: ${DEFAULT-VALUE}).")
    String job;

    @Option(names = "--landing", description = "Landing folder with <entity>*.csv files (default: generated sample data).")
    Path landing;

    @Option(names = "--run-date", description = "Business date YYYY-MM-DD (default: today).")
    LocalDate runDate;

    @Option(names = "--rerun", description = "Run a completed date again, as its next attempt (default: refuse).")
    boolean rerun;


    @Override
    public Integer call() throws Exception {
        WarehouseLayout layout = options.layout();
        Preflight.job(options.projectDir, job);
        Preflight.landing(landing);
        Preflight.rateFeed(options.settings, landing);
        layout.createDirectories();
        Path landingFolder = landing != null ? landing : sampleLanding(layout);
        LocalDate date = runDate != null ? runDate : LocalDate.now();
        try (ConfigurableApplicationContext context = options.start(layout)) {
            JobRunner.Outcome outcome = context.getBean(JobRunner.class).run(job, date, landingFolder, rerun);
            if (outcome.succeeded()) {
                System.out.println(outcome.message());
                System.out.println("Published " + layout.publishedFile());
                return BatonCli.OK;
            }
            System.err.println("baton: " + outcome.message());
            return outcome.refused() ? BatonCli.USAGE : BatonCli.JOB_FAILED;
        }
    }

    static Path sampleLanding(WarehouseLayout layout) throws Exception {
        Path folder = layout.sampleLandingDir();
        if (!Files.isDirectory(folder)) {
            new LandingGenerator(SAMPLE_SEED, SAMPLE_ACCOUNTS, SAMPLE_START, SAMPLE_MONTHS).writeTo(folder);
            System.out.println("Generated sample landing data in " + folder);
        }
        return folder;
    }
}
