package dev.baton.extract;

import java.util.StringJoiner;

/** Wall time of each phase of one delivery's load, logged with the delivery so a slow phase shows in the run log. */
final class Laps {

    private final StringJoiner laps = new StringJoiner(", ");
    private long last = System.nanoTime();

    void lap(String phase) {
        long now = System.nanoTime();
        laps.add(String.format("%s %.2f s", phase, (now - last) / 1e9));
        last = now;
    }

    @Override
    public String toString() {
        return laps.toString();
    }
}
