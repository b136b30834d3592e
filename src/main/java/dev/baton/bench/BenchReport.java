package dev.baton.bench;

import java.io.PrintStream;
import java.util.Map;

/**
 * What `baton bench` measured; printed as a table and written as JSON under {@code <warehouse>/bench/}.
 *
 * @param fullNightSecondsInStatements the full night's time inside DuckDB statements, as the pipeline ran them
 * @param engineFloor the full night's own SQL statements replayed straight on DuckDB ({@link StatementReplay})
 * @param plainLoadFloor a plain read_csv load, the models and the export ({@link PlainLoadFloor})
 * @param delta what the incremental night was delivered: {@code day} (a business day) or {@code resend}
 * @param deltaRows the rows of the incremental night's new files
 */
public record BenchReport(
        int accounts,
        int months,
        long seed,
        int cores,
        double generateSeconds,
        Map<String, Long> rowsPerEntity,
        NightReport fullNight,
        double fullNightSecondsInStatements,
        NightReport incrementalNight,
        NightReport engineFloor,
        NightReport plainLoadFloor,
        double pipelineOverFloor,
        double pipelineOverFloorCpu,
        double pipelineOverPlainLoadFloor,
        double incrementalShareOfFull,
        String delta,
        long deltaRows,
        long peakHeapBytes,
        long peakRssBytes) {

    public void print(PrintStream out) {
        out.printf("Baton benchmark: %,d accounts, %d months, seed %d, %d cores%n", accounts, months, seed, cores);
        out.printf("generate: %,d rows in %.1f s %s%n", rowsPerEntity.values().stream().mapToLong(Long::longValue).sum(),
                generateSeconds, rowsPerEntity);
        for (NightReport night : new NightReport[] {fullNight, incrementalNight, engineFloor, plainLoadFloor}) {
            out.printf("%n%-40s %14s %10s %12s%n", night.label(), "input rows", "wall s", "rows/s");
            for (StepTiming step : night.steps()) {
                out.printf("  %-38s %,14d %10.2f %,12d%n", step.step(), step.inputRows(), step.seconds(), step.rowsPerSecond());
            }
            out.printf("  %-38s %,14d %10.2f %,12d   (CPU %.1f s)%n", "total", night.inputRows(), night.wallSeconds(),
                    night.rowsPerSecond(), night.cpuSeconds());
        }
        out.printf("%nfull night: %.1f s of its %.1f s inside DuckDB statements%n", fullNightSecondsInStatements, fullNight.wallSeconds());
        out.printf("full night / engine floor (its own SQL replayed):   %.2f wall, %.2f CPU%n", pipelineOverFloor, pipelineOverFloorCpu);
        out.printf("full night / plain-load floor (no row checks):      %.2f wall%n", pipelineOverPlainLoadFloor);
        out.printf("%-52s%.1f%%%n", ("day".equals(delta) ? "day-delta" : "incremental") + " night / full night:",
                incrementalShareOfFull * 100);
        out.printf("peak heap: %,d MiB   peak RSS: %,d MiB%n", peakHeapBytes >> 20, peakRssBytes >> 20);
    }
}
