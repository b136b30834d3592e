package dev.baton.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of measured latencies, in milliseconds. */
final class Latencies {

    private Latencies() {
    }

    static double percentileMillis(List<Long> nanos, double fraction) {
        if (nanos.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(fraction * sorted.size());
        return sorted.get(Math.max(0, rank - 1)) / 1e6;
    }
}
