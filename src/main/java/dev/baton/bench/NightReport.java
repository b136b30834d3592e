package dev.baton.bench;

import java.util.List;

/**
 * A measured night: its steps, its input rows, the wall time of the whole night and the CPU time the process spent
 * on it (all threads, DuckDB's included), which a busy machine inflates far less than wall time.
 */
public record NightReport(String label, long inputRows, double wallSeconds, double cpuSeconds, List<StepTiming> steps) {

    public long rowsPerSecond() {
        return wallSeconds <= 0 ? 0 : Math.round(inputRows / wallSeconds);
    }
}
