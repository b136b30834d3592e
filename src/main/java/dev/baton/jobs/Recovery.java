package dev.baton.jobs;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.baton.warehouse.WarehouseLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A process killed mid-run (kill -9, power cut) leaves its execution STARTED forever, and Spring Batch refuses to
 * start or restart a date whose execution looks running. Recovery marks such an execution FAILED, with an end
 * time and a reason, so the next run restarts it at the step that was interrupted.
 */
@Component
public class Recovery {

    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private final JobRepository repository;
    private final JobCatalog catalog;
    private final WarehouseLayout layout;

    private final ApplicationEventPublisher events;

    Recovery(JobRepository repository, JobCatalog catalog, WarehouseLayout layout, ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
        this.catalog = catalog;
        this.layout = layout;
    }

    /** Recovers every job whose lock is free; one line per execution recovered or left alone. */
    public List<String> recoverAll() {
        List<String> report = new ArrayList<>();
        for (String jobName : catalog.jobNames()) {
            var lock = RunLock.tryAcquire(layout.stateDir(), jobName);
            if (lock.isEmpty()) {
                report.add("job '" + jobName + "' is running right now (" + RunLock.holder(layout.stateDir(), jobName)
                        + "); left alone");
                continue;
            }
            try (RunLock held = lock.get()) {
                report.addAll(recoverOrphans(jobName));
            }
        }
        return report;
    }

    /** Call only while holding the job's {@link RunLock}: then no live process on this host runs the job. */
    List<String> recoverOrphans(String jobName) {
        List<String> report = new ArrayList<>();
        for (JobExecution running : repository.findRunningJobExecutions(jobName)) {
            JobExecution execution = repository.getJobExecution(running.getId());
            RunOwner owner = RunOwner.of(execution.getExecutionContext());
            RunParameters run = RunParameters.of(jobName, execution.getJobParameters());
            if (owner != null && !owner.isThisHost()) {
                report.add("execution " + execution.getId() + " of '" + jobName + "' for " + run.runDate() + " belongs to "
                        + owner.describe() + "; recover it on that host");
                continue;
            }
            String reason = "recovered: the process running it (" + (owner == null ? "unknown" : owner.describe())
                    + ") is gone";
            markFailed(execution, reason);
            String line = "execution " + execution.getId() + " of '" + jobName + "' for run date " + run.runDate()
                    + " was left " + running.getStatus() + " by a process that is gone; marked FAILED so it restarts";
            log.warn(line);
            report.add(line);
            events.publishEvent(new RunEvents.RunRecovered(jobName, run.runDate(), execution.getId(), line));
        }
        return report;
    }

    private void markFailed(JobExecution execution, String reason) {
        LocalDateTime now = LocalDateTime.now();
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning() || step.getStatus() == BatchStatus.STOPPING) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription(reason));
                step.setEndTime(now);
                repository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED.addExitDescription(reason));
        execution.setEndTime(now);
        repository.update(execution);
    }
}
