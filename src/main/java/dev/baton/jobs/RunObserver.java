package dev.baton.jobs;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.function.Consumer;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Stamps each execution with the process running it (so a crash can be recognised later) and logs every step's
 * start and its rows and rate at the end, the progress an operator watches on a long night, and counts those rows
 * into the run metrics.
 */
final class RunObserver implements JobExecutionListener, StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(RunObserver.class);

    private final JobRepository repository;
    private final MeterRegistry meters;
    /** Tells the run lock which step runs, for status and a refused second run to say. */
    private final Consumer<String> stepStarted;
    private final List<String> stepNames;

    /** @param stepNames the job's steps in order, so each step's start says where the night is ("step 3/6") */
    RunObserver(JobRepository repository, MeterRegistry meters, Consumer<String> stepStarted, List<String> stepNames) {
        this.repository = repository;
        this.meters = meters;
        this.stepStarted = stepStarted;
        this.stepNames = List.copyOf(stepNames);
    }

    @Override
    public void beforeJob(JobExecution execution) {
        RunOwner.current().writeTo(execution.getExecutionContext());
        // Saved now, not at the end: the stamp matters exactly when the process never reaches the end.
        repository.updateExecutionContext(execution);
    }

    @Override
    public void beforeStep(StepExecution step) {
        stepStarted.accept(step.getStepName());
        int position = stepNames.indexOf(step.getStepName()) + 1;
        if (position > 0) {
            // "step <name> started" stays the line's start: tests and operators' greps wait for it
            log.info("step {} started (step {}/{}, execution {})", step.getStepName(), position, stepNames.size(),
                    step.getJobExecutionId());
        } else {
            log.info("step {} started (execution {})", step.getStepName(), step.getJobExecutionId());
        }
    }

    @Override
    public ExitStatus afterStep(StepExecution step) {
        double seconds = Duration.between(step.getStartTime(), LocalDateTime.now()).toMillis() / 1000.0;
        long rows = step.getWriteCount() + step.getFilterCount();
        log.info("step {} {}: {} rows written, {} filtered in {} s ({} rows/s)", step.getStepName(), step.getStatus(),
                step.getWriteCount(), step.getFilterCount(), String.format("%.1f", seconds),
                seconds > 0 ? Math.round(rows / seconds) : rows);
        RunMetrics.count(meters, step);
        return null;
    }
}
