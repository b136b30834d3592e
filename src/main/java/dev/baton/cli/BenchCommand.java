package dev.baton.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import dev.baton.bench.BatchHistory;
import dev.baton.bench.BenchReport;
import dev.baton.bench.DashboardBench;
import dev.baton.bench.DeltaDelivery;
import dev.baton.bench.NightReport;
import dev.baton.bench.PlainLoadFloor;
import dev.baton.bench.ProcessUsage;
import dev.baton.bench.StatementReplay;
import dev.baton.bench.StepTiming;
import dev.baton.generate.DayDelivery;
import dev.baton.generate.GenerationSummary;
import dev.baton.generate.LandingGenerator;
import dev.baton.jobs.JobCatalog;
import dev.baton.jobs.JobDefinition;
import dev.baton.jobs.JobRunner;
import dev.baton.warehouse.BatonProperties;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.FileTrees;
import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.StatementLog;
import dev.baton.warehouse.WarehouseLayout;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Generate data at a scale, run a full and an incremental nightly job, time the same SQL straight on "
                + "DuckDB (the engine's floor), and print rows/s, wall time and peak memory.")
final class BenchCommand implements Callable<Integer> {

    private static final String JOB = "nightly";

    @Option(names = "--accounts", defaultValue = "10000", description = "Accounts to generate (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(names = "--months", defaultValue = "60", description = "Months of history (default: ${DEFAULT-VALUE}).")
    int months;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--warehouse", defaultValue = "bench-warehouse",
            description = "Folder for the data, the runs and the results (default: ${DEFAULT-VALUE}).")
    Path folder;

    @Option(names = "--delta", defaultValue = "day", paramLabel = "day|resend",
            description = "The incremental night's delivery: day (what the next business day brings: new and updated "
                    + "tickets, deals and subscription periods, a few back-dated corrections) or resend (1%% of the rows "
                    + "sent again, subscriptions with one more seat in place) (default: ${DEFAULT-VALUE}).")
    String delta;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Override a setting, e.g. -Dbaton.duckdb.memory-limit=4GB.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--queries", description = "Also time the dashboard queries (1 and 8 readers). On a folder that holds a "
            + "published warehouse, time only them.")
    boolean queries;

    @Option(names = "--sql-server", description = "Also time a bridge query from 20 clients through baton sql-server against "
            + "the same query in-process. On a folder that holds a published warehouse, time only that.")
    boolean sqlServer;

    @Override
    public Integer call() throws Exception {
        if (accounts < 1 || months < 1) {
            throw new IllegalArgumentException("--accounts and --months must be at least 1");
        }
        if ((queries || sqlServer) && Files.exists(new WarehouseLayout(folder).publishedFile())) {
            // an existing warehouse: its nights are not the bench's to rebuild, only its dashboards are timed
            DashboardBench dashboards = DashboardBench.run(new WarehouseLayout(folder), queries, sqlServer);
            dashboards.print(System.out);
            writeJson(folder.resolve("bench").resolve("bench-dashboards-" + LocalDate.now() + ".json"), dashboards, null);
            return BatonCli.OK;
        }
        boolean dayDelta = switch (delta) {
            case "day" -> true;
            case "resend" -> false;
            default -> throw new IllegalArgumentException("--delta must be day or resend, was " + delta);
        };
        YearMonth start = YearMonth.of(2021, 1);
        // the incremental night is the next day of the same month, as on most nights; the first night of a month
        // adds a month to every account and rebuilds the per-account models whole, and so does the night a new fx
        // rate is dated (the run month is valued on the run date; the generator dates rates on month ends), so the
        // two nights are the month's last-but-two and last-but-one days
        LocalDate incrementalDate = start.plusMonths(months - 1L).atEndOfMonth().minusDays(1);
        LocalDate fullDate = incrementalDate.minusDays(1);
        // why: the day delta's full delivery is as of the full night, so it is not the whole window's landing
        Path landing = folder.resolve("landing").resolve(accounts + "x" + months + "-seed" + seed
                + (dayDelta ? "-as-of-" + fullDate : ""));
        Path pipeline = folder.resolve("pipeline");
        FileTrees.delete(pipeline);
        FileTrees.delete(folder.resolve("floor"));
        FileTrees.delete(folder.resolve("plain-load-floor"));

        System.out.printf("Generating %,d accounts x %d months into %s ...%n", accounts, months, landing);
        long started = System.nanoTime();
        LandingGenerator generator = new LandingGenerator(seed, accounts, start, months);
        Path incrementalLanding = folder.resolve("landing-incremental");
        FileTrees.delete(incrementalLanding);
        GenerationSummary generated;
        long changedRows;
        String deltaLine;
        if (dayDelta) {
            DayDelivery day = DayDelivery.write(generator, fullDate, landing, incrementalLanding, true);
            DeltaDelivery.linkDelivered(landing, incrementalLanding);
            generated = day.full();
            changedRows = day.deltaRows();
            deltaLine = String.format("The day-delta delivery brings %,d new or changed rows %s (%d of them back-dated "
                    + "corrections) besides the files already delivered", changedRows, day.deltaRowsPerEntity(), day.corrections());
        } else {
            generated = generator.writeTo(landing);
            changedRows = DeltaDelivery.write(landing, incrementalLanding, incrementalDate);
            deltaLine = String.format("The incremental delivery adds %,d changed rows (about 1%%) to the files already "
                    + "delivered", changedRows);
        }
        double generateSeconds = (System.nanoTime() - started) / 1e9;

        WarehouseLayout layout = new WarehouseLayout(pipeline);
        layout.createDirectories();

        NightReport full;
        NightReport incremental;
        NightReport floor;
        NightReport plainLoadFloor;
        StatementLog fullNightSql;
        StatementLog incrementalNightSql;
        try (ConfigurableApplicationContext context = BatonContext.start(layout, null, settings)) {
            JobRunner runner = context.getBean(JobRunner.class);
            DataSource metadata = context.getBean(DataSource.class);
            DuckDbFiles duckDb = context.getBean(DuckDbFiles.class);
            fullNightSql = new StatementLog(pipeline, layout.buildFile(JOB, fullDate).getParent());
            duckDb.recordInto(fullNightSql);
            full = night(runner, metadata, "full night", landing, fullDate);
            System.out.println(deltaLine);
            incrementalNightSql = new StatementLog(pipeline, layout.buildFile(JOB, incrementalDate).getParent());
            duckDb.recordInto(incrementalNightSql);
            incremental = night(runner, metadata, dayDelta ? "day-delta night" : "incremental night", incrementalLanding,
                    incrementalDate);
            duckDb.recordInto(null);

            System.out.println("Timing the engine floor: the full night's SQL replayed straight on DuckDB ...");
            BatonProperties properties = context.getBean(BatonProperties.class);
            floor = StatementReplay.run(fullNightSql, folder.resolve("floor"), JOB, fullDate, full.inputRows(), properties);
            System.out.println("Timing the plain-load floor ...");
            JobDefinition job = context.getBean(JobCatalog.class).definition(JOB);
            plainLoadFloor = PlainLoadFloor.run(folder.resolve("plain-load-floor"), landing, fullDate, job,
                    context.getBean(ProjectFiles.class), properties);
        }
        DashboardBench dashboards = queries || sqlServer ? DashboardBench.run(layout, queries, sqlServer) : null;
        BenchReport report = new BenchReport(accounts, months, seed, Runtime.getRuntime().availableProcessors(), generateSeconds,
                generated.rowsPerEntity(), full, fullNightSql.secondsInStatements(), incremental, floor, plainLoadFloor,
                full.wallSeconds() / floor.wallSeconds(), full.cpuSeconds() / floor.cpuSeconds(),
                full.wallSeconds() / plainLoadFloor.wallSeconds(), incremental.wallSeconds() / full.wallSeconds(), delta, changedRows,
                ProcessUsage.peakHeapBytes(), ProcessUsage.peakRssBytes());
        report.print(System.out);
        if (dashboards != null) {
            dashboards.print(System.out);
        }
        Path json = folder.resolve("bench").resolve("bench-" + accounts + "x" + months + "-" + LocalDate.now() + ".json");
        writeJson(json, dashboards, report);
        Path fullStatements = Path.of(json.toString().replace(".json", "-full-night-statements.csv"));
        Path incrementalStatements = Path.of(json.toString().replace(".json", "-incremental-night-statements.csv"));
        fullNightSql.writeCsv(fullStatements);
        incrementalNightSql.writeCsv(incrementalStatements);
        System.out.println("Every statement of each night, with its seconds: " + fullStatements.toAbsolutePath() + ", "
                + incrementalStatements.getFileName());
        return BatonCli.OK;
    }

    private static void writeJson(Path json, DashboardBench dashboards, BenchReport report) throws Exception {
        Files.createDirectories(json.getParent());
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        mapper.writeValue(json.toFile(), dashboards == null ? report : dashboards.json(mapper, report));
        System.out.println("Results written to " + json.toAbsolutePath());
    }

    private static NightReport night(JobRunner runner, DataSource metadata, String label, Path landing, LocalDate runDate) {
        System.out.printf("Running the %s (%s) ...%n", label, runDate);
        long started = System.nanoTime();
        double cpuStarted = ProcessUsage.processCpuSeconds();
        JobRunner.Outcome outcome = runner.run(JOB, runDate, landing);
        double wall = (System.nanoTime() - started) / 1e9;
        double cpu = ProcessUsage.processCpuSeconds() - cpuStarted;
        if (!outcome.succeeded()) {
            throw new IllegalStateException("the " + label + " failed: " + outcome.message());
        }
        List<StepTiming> steps = BatchHistory.steps(metadata, JOB, runDate);
        long read = steps.stream().filter(step -> step.step().startsWith("extract")).mapToLong(StepTiming::inputRows).sum();
        return new NightReport(label, read, wall, cpu, steps);
    }
}
