package dev.baton.bench;

import java.util.List;

/** A measured night: its steps, its input rows, and the wall time of the whole night. */
public record NightReport(String label, long inputRows, double wallSeconds, List<StepTiming> steps) {

    public long rowsPerSecond() {
        return wallSeconds <= 0 ? 0 : Math.round(inputRows / wallSeconds);
    }
}
