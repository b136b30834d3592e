package dev.baton.bench;

import java.io.PrintStream;
import java.util.Map;

/** What `baton bench` measured; printed as a table and written as JSON under {@code <warehouse>/bench/}. */
public record BenchReport(
        int accounts,
        int months,
        long seed,
        int cores,
        double generateSeconds,
        Map<String, Long> rowsPerEntity,
        NightReport fullNight,
        NightReport incrementalNight,
        NightReport engineFloor,
        double pipelineOverFloor,
        double pipelineOverFloorCpu,
        double incrementalShareOfFull,
        long peakHeapBytes,
        long peakRssBytes) {

    public void print(PrintStream out) {
        out.printf("Baton benchmark: %,d accounts, %d months, seed %d, %d cores%n", accounts, months, seed, cores);
        out.printf("generate: %,d rows in %.1f s %s%n", rowsPerEntity.values().stream().mapToLong(Long::longValue).sum(),
                generateSeconds, rowsPerEntity);
        for (NightReport night : new NightReport[] {fullNight, incrementalNight, engineFloor}) {
            out.printf("%n%-22s %14s %10s %12s%n", night.label(), "input rows", "wall s", "rows/s");
            for (StepTiming step : night.steps()) {
                out.printf("  %-20s %,14d %10.2f %,12d%n", step.step(), step.inputRows(), step.seconds(), step.rowsPerSecond());
            }
            out.printf("  %-20s %,14d %10.2f %,12d   (CPU %.1f s)%n", "total", night.inputRows(), night.wallSeconds(),
                    night.rowsPerSecond(), night.cpuSeconds());
        }
        out.printf("%npipeline / engine floor (full night): %.2f wall, %.2f CPU%n", pipelineOverFloor, pipelineOverFloorCpu);
        out.printf("incremental night / full night:       %.1f%%%n", incrementalShareOfFull * 100);
        out.printf("peak heap: %,d MiB   peak RSS: %,d MiB%n", peakHeapBytes >> 20, peakRssBytes >> 20);
    }
}
