package dev.baton.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import dev.baton.warehouse.BuildFiles;
import dev.baton.warehouse.Redaction;
import dev.baton.warehouse.WarehouseLayout;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.SimpleJob;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Starts a job for one business date, or restarts it at the failed step when that date failed before. Holds the
 * job's {@link RunLock} for the whole run, and first recovers any run of the job a dead process left STARTED.
 */
@Component
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    /**
     * What happened, for the command line to turn into an exit code and one line on stderr; credentials in the
     * message (a JDBC URL's password) are redacted, whichever command prints it.
     */
    public record Outcome(boolean succeeded, boolean refused, String message) {
        public Outcome {
            message = Redaction.redact(message);
        }
    }

    private final JobCatalog catalog;
    private final JobOperator jobOperator;
    private final JobRepository repository;
    private final RunHistory history;
    private final Recovery recovery;
    private final WarehouseLayout layout;
    private final BuildFiles buildFiles;
    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final ApplicationEventPublisher events;

    JobRunner(JobCatalog catalog, JobOperator jobOperator, JobRepository repository, RunHistory history,
            Recovery recovery, WarehouseLayout layout, BuildFiles buildFiles, MeterRegistry meters,
            ObservationRegistry observations, ApplicationEventPublisher events) {
        this.events = events;
        this.buildFiles = buildFiles;
        this.meters = meters;
        this.observations = observations;
        this.catalog = catalog;
        this.jobOperator = jobOperator;
        this.repository = repository;
        this.history = history;
        this.recovery = recovery;
        this.layout = layout;
    }

    /** Builds the job without running it, so every step's options are checked (for {@code baton validate}). */
    public int check(String jobName) {
        Job job = catalog.job(jobName);
        return job instanceof SimpleJob simpleJob ? simpleJob.getStepNames().size() : 0;
    }

    public Outcome run(String jobName, LocalDate runDate, Path landing) {
        return run(jobName, runDate, landing, false);
    }

    /**
     * @param rerun run a completed date again, as the next attempt of that date; without it a completed date is
     *     refused
     */
    public Outcome run(String jobName, LocalDate runDate, Path landing, boolean rerun) {
        return run(jobName, runDate, landing, rerun, false);
    }

    /**
     * @param publishOlder publish the night even when the published version has a later run date (a backfill's
     *     nights are otherwise built, audited and kept as versions without replacing it)
     */
    public Outcome run(String jobName, LocalDate runDate, Path landing, boolean rerun, boolean publishOlder) {
        catalog.definition(jobName);
        Optional<RunLock> lock = RunLock.tryAcquire(layout.stateDir(), jobName, runDate);
        if (lock.isEmpty()) {
            return new Outcome(false, true, "Job '" + jobName + "' is already running ("
                    + RunLock.holder(layout.stateDir(), jobName) + "); not starting a second run");
        }
        try (RunLock held = lock.get()) {
            recovery.recoverOrphans(jobName);
            Outcome outcome = runLocked(new RunParameters(jobName, runDate, landing).withPublishOlder(publishOlder), rerun, held);
            if (!outcome.refused()) {
                events.publishEvent(new RunEvents.RunFinished(jobName, runDate, outcome.succeeded(), outcome.message()));
            }
            return outcome;
        }
    }

    private Outcome runLocked(RunParameters parameters, boolean rerun, RunLock lock) {
        String jobName = parameters.jobName();
        LocalDate runDate = parameters.runDate();
        List<JobExecution> attempts = history.attempts(jobName, runDate);
        if (!attempts.isEmpty()) {
            JobExecution latest = attempts.get(attempts.size() - 1);
            long latestAttempt = attempts.size() - 1;
            if (latest.getStatus() == BatchStatus.COMPLETED) {
                if (!rerun) {
                    return new Outcome(false, true, "Job '" + jobName + "' already completed for run date " + runDate
                            + "; a completed night is not re-run (use --rerun to run it again)");
                }
                parameters = parameters.withAttempt(latestAttempt + 1);
            } else {
                // A failed (or recovered) attempt is restarted, at its failed step, under the same identity.
                parameters = parameters.withAttempt(latestAttempt);
            }
        }
        String label = "Job '" + jobName + "' for run date " + runDate
                + (parameters.attempt() > 0 ? " (attempt " + parameters.attempt() + ")" : "");
        JobExecution execution;
        try {
            execution = jobOperator.start(observed(catalog.job(jobName), lock), parameters.toJobParameters());
        } catch (Exception e) {
            return new Outcome(false, true, "Cannot start " + label + ": " + e.getMessage());
        } finally {
            buildFiles.release(jobName, runDate);
        }
        for (StepExecution step : execution.getStepExecutions()) {
            log.info("step {} {} in {}", step.getStepName(), step.getStatus(), duration(step.getStartTime(), step.getEndTime()));
            log.info(RunMetrics.summary(meters, jobName, step.getStepName()));
        }
        List<String> warnings = RunWarnings.of(execution);
        if (!warnings.isEmpty()) {
            events.publishEvent(new RunEvents.RunWarned(jobName, runDate, warnings));
        }
        String warned = warnings.stream().map(warning -> "\nwarning: " + warning).reduce("", String::concat);
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return new Outcome(true, false, label.replaceFirst(" for run date", " completed for run date") + " in "
                    + duration(execution.getStartTime(), execution.getEndTime()) + notes(execution)
                    + (warnings.isEmpty() ? "" : ", " + warnings.size() + " warning(s)") + warned);
        }
        return new Outcome(false, false, label + " " + execution.getStatus() + ": " + firstFailure(execution) + notes(execution));
    }

    private Job observed(Job job, RunLock lock) {
        RunObserver observer = new RunObserver(repository, meters, lock::stepStarted,
                job instanceof SimpleJob simpleJob ? List.copyOf(simpleJob.getStepNames()) : List.of());
        if (job instanceof AbstractJob abstractJob) {
            abstractJob.registerJobExecutionListener(observer);
            abstractJob.setObservationRegistry(observations);
        }
        if (job instanceof SimpleJob simpleJob) {
            for (String stepName : simpleJob.getStepNames()) {
                if (simpleJob.getStep(stepName) instanceof AbstractStep step) {
                    step.registerStepExecutionListener(observer);
                    step.setObservationRegistry(observations);
                }
            }
        }
        return job;
    }

    /** What steps asked to have on the summary line ("baton.summary-note" in their context), e.g. unread files. */
    private static String notes(JobExecution execution) {
        StringBuilder notes = new StringBuilder();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getExecutionContext().containsKey("baton.summary-note")) {
                notes.append("; ").append(step.getStepName()).append(": ").append(step.getExecutionContext().getString("baton.summary-note"));
            }
        }
        return notes.toString();
    }

    private static String firstFailure(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(step -> step.getStatus() != BatchStatus.COMPLETED)
                .flatMap(step -> step.getFailureExceptions().stream()
                        .map(failure -> "step '" + step.getStepName() + "': " + rootMessage(failure)))
                .findFirst()
                .orElse(execution.getExitStatus().getExitDescription());
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    static String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null || end == null) {
            return "-";
        }
        return String.format("%.1f s", Duration.between(start, end).toMillis() / 1000.0);
    }
}
