package dev.baton.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/** Starts a job for one business date, or restarts it at the failed step when that date failed before. */
@Component
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    /** What happened, for the command line to turn into an exit code and one line on stderr. */
    public record Outcome(boolean succeeded, boolean refused, String message) {
    }

    private final JobCatalog catalog;
    private final JobOperator jobOperator;

    JobRunner(JobCatalog catalog, JobOperator jobOperator) {
        this.catalog = catalog;
        this.jobOperator = jobOperator;
    }

    public Outcome run(String jobName, LocalDate runDate, Path landing) {
        RunParameters parameters = new RunParameters(jobName, runDate, landing);
        JobExecution execution;
        try {
            execution = jobOperator.start(catalog.job(jobName), parameters.toJobParameters());
        } catch (JobInstanceAlreadyCompleteException e) {
            return new Outcome(false, true, "Job '" + jobName + "' already completed for run date " + runDate
                    + "; a completed night is not re-run");
        } catch (Exception e) {
            return new Outcome(false, true, "Cannot start job '" + jobName + "' for " + runDate + ": " + e.getMessage());
        }
        for (StepExecution step : execution.getStepExecutions()) {
            log.info("step {} {} in {}", step.getStepName(), step.getStatus(), duration(step.getStartTime(), step.getEndTime()));
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return new Outcome(true, false, "Job '" + jobName + "' completed for run date " + runDate + " in "
                    + duration(execution.getStartTime(), execution.getEndTime()));
        }
        return new Outcome(false, false, "Job '" + jobName + "' " + execution.getStatus() + " for run date " + runDate + ": "
                + firstFailure(execution));
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

    private static String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null || end == null) {
            return "-";
        }
        return String.format("%.1f s", Duration.between(start, end).toMillis() / 1000.0);
    }
}
