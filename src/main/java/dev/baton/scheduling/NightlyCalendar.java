package dev.baton.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

import org.quartz.CronExpression;

/**
 * When a schedule fires and for which business date, exactly once per wall-clock match even across daylight
 * saving. Quartz's own cron trigger skips a firing whose local time does not exist (02:30 on the spring-forward
 * day in New York), which would lose a night. So the cron is matched against the wall clock (evaluated in UTC,
 * which has no DST) and each match is placed in the schedule's zone: a time in the spring-forward gap moves
 * forward by the gap (02:30 becomes 03:30), a time in the fall-back overlap fires once, at its first occurrence.
 */
final class NightlyCalendar {

    /** A backlog longer than this many firings is cut: a sub-daily cron after a long outage. */
    private static final int MAX_FIRINGS = 500_000;

    record Firing(Instant at, LocalDate businessDate) {
    }

    private final ZoneId zone;
    private final CronExpression wallClock;
    private final boolean previousDay;

    NightlyCalendar(ScheduleDefinition schedule) {
        this.zone = ZoneId.of(schedule.timeZone());
        this.wallClock = schedule.cronExpression();
        this.wallClock.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        this.previousDay = schedule.runDate().equals("previous_day");
    }

    /** The first firing strictly after {@code after}. */
    Firing next(Instant after) {
        LocalDateTime wall = LocalDateTime.ofInstant(after, zone);
        while (true) {
            Date next = wallClock.getNextValidTimeAfter(Date.from(wall.toInstant(ZoneOffset.UTC)));
            if (next == null) {
                return null;
            }
            wall = LocalDateTime.ofInstant(next.toInstant(), ZoneOffset.UTC);
            Instant at = ZonedDateTime.of(wall, zone).toInstant();
            // In the fall-back hour the wall clock repeats; a wall time already passed is not fired again.
            if (at.isAfter(after)) {
                return new Firing(at, businessDate(wall.toLocalDate()));
            }
        }
    }

    LocalDate businessDate(Instant firedAt) {
        return businessDate(LocalDate.ofInstant(firedAt, zone));
    }

    private LocalDate businessDate(LocalDate fireDay) {
        return previousDay ? fireDay.minusDays(1) : fireDay;
    }

    /**
     * Business dates whose firing came after the night of {@code lastCompleted} and at or before {@code now},
     * oldest first: the nights missed while nothing was running. Without any completed night, none.
     */
    List<LocalDate> missedDates(Optional<LocalDate> lastCompleted, Instant now) {
        List<LocalDate> missed = new ArrayList<>();
        if (lastCompleted.isEmpty()) {
            return missed;
        }
        // No firing before the start of that day in the zone can be for a later business date.
        Instant cursor = lastCompleted.get().atStartOfDay(zone).toInstant();
        for (int i = 0; i < MAX_FIRINGS; i++) {
            Firing firing = next(cursor);
            if (firing == null || firing.at().isAfter(now)) {
                break;
            }
            LocalDate date = firing.businessDate();
            if (date.isAfter(lastCompleted.get()) && (missed.isEmpty() || date.isAfter(missed.get(missed.size() - 1)))) {
                missed.add(date);
            }
            cursor = firing.at();
        }
        return missed;
    }
}
