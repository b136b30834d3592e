package dev.baton.generate;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The generated period. Everything observable happens before {@code end} (the first day after the last
 * month); only scheduled subscription dates (annual terms, pauses, trials) may reach up to {@code horizon}.
 */
record Window(YearMonth startMonth, int months, LocalDate start, LocalDate end, LocalDate horizon) {

    static final long DAY = 86_400L;

    static Window of(YearMonth startMonth, int months) {
        return new Window(startMonth, months, startMonth.atDay(1), startMonth.plusMonths(months).atDay(1),
                startMonth.plusMonths(months + 12L).atDay(1));
    }

    long startSec() {
        return seconds(start);
    }

    long endSec() {
        return seconds(end);
    }

    /** Last day on which observable events (deals, tickets, creations) may happen. */
    long lastEpochDay() {
        return end.toEpochDay() - 1;
    }

    static long seconds(LocalDate date) {
        return date.toEpochDay() * DAY;
    }

    static LocalDate dateOf(long epochSecond) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochSecond, DAY));
    }
}
