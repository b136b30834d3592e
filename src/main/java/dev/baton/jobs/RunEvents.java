package dev.baton.jobs;

import java.time.LocalDate;
import java.util.List;

/**
 * Application events the runner publishes, for whoever watches runs from outside the job (metrics, alerts):
 * the jobs package does not know who listens.
 */
public final class RunEvents {

    private RunEvents() {
    }

    /** A run that started has ended, either way (a refused start is not a run). */
    public record RunFinished(String job, LocalDate runDate, boolean succeeded, String message) {
    }

    /** A night that ran found what does not fail it but someone should see: warn audits' rows, stale feeds. */
    public record RunWarned(String job, LocalDate runDate, List<String> warnings) {

        public RunWarned {
            warnings = List.copyOf(warnings);
        }
    }

    /** An execution left STARTED by a dead process was marked FAILED. */
    public record RunRecovered(String job, LocalDate runDate, long executionId, String message) {
    }
}
