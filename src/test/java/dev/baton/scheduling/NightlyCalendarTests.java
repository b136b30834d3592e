package dev.baton.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

/** Fire time to business date, across both daylight-saving changes of 2024 in New York; no waiting. */
class NightlyCalendarTests {

    private static final ScheduleDefinition AT_0230 = new ScheduleDefinition("nightly", "nightly", "0 30 2 * * ?",
            "America/New_York", "previous_day", "all");
    private static final ScheduleDefinition AT_0130 = new ScheduleDefinition("nightly", "nightly", "0 30 1 * * ?",
            "America/New_York", "same_day", "all");

    @Test
    void quartzAloneSkipsTheSpringForwardNight() {
        // given Quartz's own cron in New York, where 02:30 does not exist on 2024-03-10
        CronExpression quartz = AT_0230.cronExpression();

        // when
        List<Instant> fires = new ArrayList<>();
        Date cursor = Date.from(Instant.parse("2024-03-09T00:00:00Z"));
        for (int i = 0; i < 2; i++) {
            cursor = quartz.getNextValidTimeAfter(cursor);
            fires.add(cursor.toInstant());
        }

        // then it jumps from the 9th to the 11th: the night of the 9th would be lost, which is why NightlyCalendar exists
        assertThat(fires).containsExactly(Instant.parse("2024-03-09T07:30:00Z"), Instant.parse("2024-03-11T06:30:00Z"));
    }

    @Test
    void springForwardFiresOnceAnHourLateAndEveryBusinessDateOnce() {
        List<NightlyCalendar.Firing> firings = firings(new NightlyCalendar(AT_0230), "2024-03-08T12:00:00Z", 4);

        // 02:30 EST = 07:30Z; on the 10th 02:30 does not exist and fires at 03:30 EDT = 07:30Z; then 02:30 EDT = 06:30Z
        assertThat(firings).containsExactly(
                new NightlyCalendar.Firing(Instant.parse("2024-03-09T07:30:00Z"), LocalDate.parse("2024-03-08")),
                new NightlyCalendar.Firing(Instant.parse("2024-03-10T07:30:00Z"), LocalDate.parse("2024-03-09")),
                new NightlyCalendar.Firing(Instant.parse("2024-03-11T06:30:00Z"), LocalDate.parse("2024-03-10")),
                new NightlyCalendar.Firing(Instant.parse("2024-03-12T06:30:00Z"), LocalDate.parse("2024-03-11")));
    }

    @Test
    void fallBackFiresOnceAtTheFirstOccurrenceOfTheRepeatedHour() {
        List<NightlyCalendar.Firing> firings = firings(new NightlyCalendar(AT_0130), "2024-11-02T12:00:00Z", 3);

        // 01:30 happens twice on 2024-11-03 (EDT 05:30Z, then EST 06:30Z): it fires at the first only
        assertThat(firings).containsExactly(
                new NightlyCalendar.Firing(Instant.parse("2024-11-03T05:30:00Z"), LocalDate.parse("2024-11-03")),
                new NightlyCalendar.Firing(Instant.parse("2024-11-04T06:30:00Z"), LocalDate.parse("2024-11-04")),
                new NightlyCalendar.Firing(Instant.parse("2024-11-05T06:30:00Z"), LocalDate.parse("2024-11-05")));
        // and asked again from between the two 01:30s, it does not fire the repeated one
        assertThat(new NightlyCalendar(AT_0130).next(Instant.parse("2024-11-03T06:00:00Z")).at())
                .isEqualTo(Instant.parse("2024-11-04T06:30:00Z"));
    }

    @Test
    void missedNightsAreTheBusinessDatesFiredSinceTheLastCompletedOneInOrder() {
        NightlyCalendar calendar = new NightlyCalendar(AT_0230);

        // last completed 2024-03-08; down until the 12th at noon: the firings of the 10th, 11th and 12th were missed,
        // the one of the 10th in the DST gap included
        List<LocalDate> missed = calendar.missedDates(Optional.of(LocalDate.parse("2024-03-08")), Instant.parse("2024-03-12T16:00:00Z"));

        assertThat(missed).containsExactly(LocalDate.parse("2024-03-09"), LocalDate.parse("2024-03-10"), LocalDate.parse("2024-03-11"));
        assertThat(calendar.missedDates(Optional.empty(), Instant.parse("2024-03-12T16:00:00Z"))).isEmpty();
        // just before the 12th's firing (06:30Z), that night is not missed yet
        assertThat(calendar.missedDates(Optional.of(LocalDate.parse("2024-03-08")), Instant.parse("2024-03-12T06:29:59Z")))
                .containsExactly(LocalDate.parse("2024-03-09"), LocalDate.parse("2024-03-10"));
    }

    private static List<NightlyCalendar.Firing> firings(NightlyCalendar calendar, String after, int count) {
        List<NightlyCalendar.Firing> firings = new ArrayList<>();
        Instant cursor = Instant.parse(after);
        for (int i = 0; i < count; i++) {
            NightlyCalendar.Firing firing = calendar.next(cursor);
            firings.add(firing);
            cursor = firing.at();
        }
        return firings;
    }
}
