package dev.baton.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.SplittableRandom;

/** Small distribution helpers over {@link SplittableRandom}; every stream is derived from the seed only. */
final class Rand {

    private Rand() {
    }

    /** An independent stream for {@code key} (account index, or a negative key for reference data). */
    static SplittableRandom stream(long seed, long key) {
        return new SplittableRandom(mix64(mix64(seed) + 0x9E3779B97F4A7C15L * (key + 1)));
    }

    static boolean chance(SplittableRandom r, double p) {
        return r.nextDouble() < p;
    }

    /** Uniform integer in {@code [lo, hi]}. */
    static int between(SplittableRandom r, int lo, int hi) {
        return r.nextInt(lo, hi + 1);
    }

    static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    /** Index drawn with the given (not necessarily normalised) weights. */
    static int weighted(SplittableRandom r, double... weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = r.nextDouble() * total;
        for (int i = 0; i < weights.length - 1; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static double gaussian(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    static double logUniform(SplittableRandom r, double lo, double hi) {
        return Math.exp(Math.log(lo) + r.nextDouble() * (Math.log(hi) - Math.log(lo)));
    }

    static int poisson(SplittableRandom r, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(r)));
        }
        double limit = Math.exp(-mean);
        double product = r.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= r.nextDouble();
            n++;
        }
        return n;
    }

    /** A minute-aligned time on {@code epochDay}: mostly 08:00-18:00, sometimes any time of day. */
    static long businessTime(SplittableRandom r, long epochDay) {
        int minute = chance(r, 0.85) ? r.nextInt(8 * 60, 18 * 60) : r.nextInt(24 * 60);
        return epochDay * Window.DAY + minute * 60L;
    }

    /** Weekend days are mostly moved to the following Monday (people file work on workdays). */
    static long workday(SplittableRandom r, long epochDay) {
        DayOfWeek dow = LocalDate.ofEpochDay(epochDay).getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY && chance(r, 0.75)) {
            return epochDay + 2;
        }
        if (dow == DayOfWeek.SUNDAY && chance(r, 0.75)) {
            return epochDay + 1;
        }
        return epochDay;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
