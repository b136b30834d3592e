package dev.baton.jobs;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/** Questions about past runs, answered from the Spring Batch metadata store. */
@Component
public class RunHistory {

    /** Enough history for a year of nights plus re-runs; older instances are not looked at. */
    private static final int MAX_INSTANCES = 1000;

    private final JobRepository repository;

    RunHistory(JobRepository repository) {
        this.repository = repository;
    }

    /** One execution of a job, newest first in {@link #recent}. */
    public record Run(long executionId, String jobName, LocalDate runDate, long attempt, JobExecution execution) {

        public BatchStatus status() {
            return execution.getStatus();
        }

        /**
         * For an execution the history marks running: whether the process stamped on it is still alive. Only a
         * process on this host can be looked at; one stamped elsewhere (shared PostgreSQL history) is
         * {@code ELSEWHERE}, one not stamped yet (just starting) {@code UNKNOWN}.
         */
        public Liveness liveness() {
            RunOwner owner = RunOwner.of(execution.getExecutionContext());
            if (owner == null) {
                return Liveness.UNKNOWN;
            }
            if (!owner.isThisHost()) {
                return Liveness.ELSEWHERE;
            }
            return owner.isAlive() ? Liveness.ALIVE : Liveness.DEAD;
        }

        /** The process stamped on the execution, e.g. {@code pid 4242 on night-1}. */
        public String owner() {
            RunOwner owner = RunOwner.of(execution.getExecutionContext());
            return owner == null ? "an unknown process" : owner.describe();
        }
    }

    public enum Liveness { ALIVE, DEAD, ELSEWHERE, UNKNOWN }

    /** The last execution of every attempt of a date, in attempt order (0 = the first run). */
    List<JobExecution> attempts(String jobName, LocalDate runDate) {
        List<JobExecution> attempts = new ArrayList<>();
        for (long attempt = 0; ; attempt++) {
            RunParameters parameters = new RunParameters(jobName, runDate, null, attempt);
            JobInstance instance = repository.getJobInstance(jobName, parameters.identity());
            if (instance == null) {
                return attempts;
            }
            attempts.add(repository.getLastJobExecution(instance));
        }
    }

    /** Whether the latest attempt of a date completed. */
    public boolean isCompleted(String jobName, LocalDate runDate) {
        List<JobExecution> attempts = attempts(jobName, runDate);
        return !attempts.isEmpty() && attempts.get(attempts.size() - 1).getStatus() == BatchStatus.COMPLETED;
    }

    /** The latest business date whose run completed, if any. */
    public Optional<LocalDate> lastCompletedDate(String jobName) {
        return runs(jobName).stream()
                .filter(run -> run.status() == BatchStatus.COMPLETED)
                .map(Run::runDate)
                .max(Comparator.naturalOrder());
    }

    /** The most recent executions of a job, newest first. */
    public List<Run> recent(String jobName, int limit) {
        return runs(jobName).stream().limit(limit).toList();
    }

    private List<Run> runs(String jobName) {
        List<Run> runs = new ArrayList<>();
        for (JobInstance instance : repository.getJobInstances(jobName, 0, MAX_INSTANCES)) {
            for (JobExecution execution : repository.getJobExecutions(instance)) {
                RunParameters parameters = RunParameters.of(jobName, execution.getJobParameters());
                runs.add(new Run(execution.getId(), jobName, parameters.runDate(), parameters.attempt(),
                        repository.getJobExecution(execution.getId())));
            }
        }
        runs.sort(Comparator.comparingLong(Run::executionId).reversed());
        return runs;
    }
}
