package dev.baton.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.concurrent.Callable;

import dev.baton.generate.GenerationSummary;
import dev.baton.generate.LandingGenerator;
import dev.baton.generate.VendorGenerator;
import dev.baton.generate.VendorSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write realistic landing files for all eight entities; the same seed gives the same files.")
final class GenerateCommand implements Callable<Integer> {

    /** canonical: the landing contract's files; vendors: the same company as Salesforce, Stripe and Zendesk exports. */
    enum Shape { canonical, vendors }

    @Option(names = "--out", required = true, description = "Folder to write the CSV files to.")
    Path out;

    @Option(names = "--accounts", defaultValue = "1000", description = "Number of accounts (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", description = "First month YYYY-MM (default: the months that end with the run date's month).")
    YearMonth start;

    @Option(names = "--months", defaultValue = "36", description = "Months of history (default: ${DEFAULT-VALUE}).")
    int months;

    @Option(names = "--run-date", description = "The business date the data is for, YYYY-MM-DD (default: today): without"
            + " --start, the months end with its month, so a run for that date finds its feeds current.")
    LocalDate runDate;

    @Option(names = "--shape", defaultValue = "canonical", description = "canonical (the contract's files) or vendors"
            + " (the same company as Salesforce, Stripe and Zendesk exports in sub-folders, the rest canonical;"
            + " default: ${DEFAULT-VALUE}).")
    Shape shape;

    @Override
    public Integer call() throws Exception {
        if (accounts < 1 || months < 1) {
            throw new IllegalArgumentException("--accounts and --months must be at least 1");
        }
        long started = System.nanoTime();
        YearMonth first = start != null ? start : YearMonth.from(runDate != null ? runDate : LocalDate.now()).minusMonths(months - 1L);
        if (shape == Shape.vendors) {
            VendorSummary summary = new VendorGenerator(seed, accounts, first, months).writeTo(out);
            summary.rowsPerFile().forEach((file, rows) -> System.out.printf("%-42s %,12d rows%n", file, rows));
            System.out.println("Identities by linkage (answer-key/identities.csv):");
            summary.linkage().forEach((kind, count) -> System.out.printf("  %-40s %,10d%n", kind, count));
        } else {
            GenerationSummary summary = new LandingGenerator(seed, accounts, first, months).writeTo(out);
            summary.rowsPerEntity().forEach((entity, rows) -> System.out.printf("%-16s %,12d rows%n", entity, rows));
        }
        System.out.printf("Wrote %s in %.1f s%n", out.toAbsolutePath(), (System.nanoTime() - started) / 1e9);
        return BatonCli.OK;
    }
}
