package dev.baton.bench;

/** One step of a measured night: how many input rows it worked through and how long it took. */
public record StepTiming(String step, long inputRows, double seconds) {

    public long rowsPerSecond() {
        return seconds <= 0 ? 0 : Math.round(inputRows / seconds);
    }
}
