package dev.baton.generate;

import java.time.LocalDate;

/**
 * The few back-dated corrections a day brings besides its own events: a subscription period begun in the last
 * three months turns out to have had one seat more from its start (a seat count keyed in wrong), so the correction
 * reaches back to the month the period began. About {@link #PER_TEN_THOUSAND} in 10,000 such periods, picked by
 * a hash of the id so the same seed corrects the same rows.
 */
final class Corrections {

    static final int PER_TEN_THOUSAND = 10;
    private static final int LOOK_BACK_DAYS = 92;

    private final boolean enabled;
    private final String earliestStart;
    private final String correctedAt;
    private long applied;

    /** Corrections keyed in on {@code day}; none when {@code enabled} is false. */
    Corrections(LocalDate day, boolean enabled) {
        this.enabled = enabled;
        this.earliestStart = Fmt.date(day.minusDays(LOOK_BACK_DAYS));
        this.correctedAt = Fmt.date(day) + "T15:00:00Z";
    }

    /** The subscription row with its correction, or the row itself when it is not one of the corrected. */
    String[] apply(String[] subscription) {
        if (!enabled || subscription[10].equals("trial") || subscription[8].compareTo(earliestStart) < 0
                || Math.floorMod(mix(subscription[0].hashCode()), 10_000) >= PER_TEN_THOUSAND) {
            return subscription;
        }
        String[] corrected = subscription.clone();
        corrected[3] = Integer.toString(Integer.parseInt(subscription[3]) + 1);
        corrected[11] = correctedAt;
        applied++;
        return corrected;
    }

    long applied() {
        return applied;
    }

    private static int mix(int h) {
        h *= 0x9E3779B1;
        return h ^ (h >>> 15);
    }
}
