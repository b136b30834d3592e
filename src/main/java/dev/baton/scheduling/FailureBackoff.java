package dev.baton.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

import dev.baton.jobs.RunHistory;
import dev.baton.jobs.RunHistory.Run;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long {@code serve} leaves a business date alone after it failed: {@code initial} after the first failure,
 * doubling with each failure in a row, never more than {@code max}. Counted from the run history (so a restart of
 * serve keeps the count); a firing inside the back-off skips that date, the first firing after it runs it again.
 *
 * @param initial the wait after one failure
 * @param max the cap, whatever the number of failures
 */
@ConfigurationProperties("baton.serve.retry-backoff")
public record FailureBackoff(@DefaultValue("PT5M") Duration initial, @DefaultValue("PT6H") Duration max) {

    public FailureBackoff {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("baton.serve.retry-backoff: need 0 <= initial <= max, got initial " + initial
                    + ", max " + max);
        }
    }

    /** The wait after {@code failures} failures in a row: initial x 2^(failures - 1), capped at max. */
    Duration delay(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        Duration delay = initial;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** A date waiting out its back-off: how many failures in a row, and until when. */
    record Pending(int failures, Instant until) {
    }

    /** The back-off a date is in now, or empty when it may run. */
    Optional<Pending> pending(RunHistory history, String job, LocalDate date, Instant now) {
        // newest first: the failures since the date last ended any other way
        int failures = 0;
        LocalDateTime lastEnd = null;
        for (Run run : history.recent(job, Integer.MAX_VALUE)) {
            if (!date.equals(run.runDate())) {
                continue;
            }
            if (run.status() != BatchStatus.FAILED) {
                break;
            }
            if (lastEnd == null) {
                lastEnd = run.execution().getEndTime();
            }
            failures++;
        }
        if (failures == 0 || lastEnd == null) {
            return Optional.empty();
        }
        Instant until = lastEnd.atZone(ZoneId.systemDefault()).toInstant().plus(delay(failures));
        return until.isAfter(now) ? Optional.of(new Pending(failures, until)) : Optional.empty();
    }
}
