package dev.baton.jobs;

import java.nio.file.Path;
import java.time.LocalDate;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.scope.context.ChunkContext;

/**
 * A run is identified by its business date, so a failed night is restarted and a completed night is not
 * silently re-run. A deliberate re-run of a completed date ({@code --rerun}) adds an identifying
 * {@code attempt} number, counted from the history of that date (1, 2, ...), never a timestamp; the first run
 * of a date carries no attempt at all. The landing folder travels along but does not identify the run.
 */
public record RunParameters(String jobName, LocalDate runDate, Path landing, long attempt) {

    static final String RUN_DATE = "runDate";
    static final String ATTEMPT = "attempt";
    static final String LANDING = "landing";

    public RunParameters(String jobName, LocalDate runDate, Path landing) {
        this(jobName, runDate, landing, 0);
    }

    public static RunParameters of(ChunkContext context) {
        JobParameters parameters = context.getStepContext().getStepExecution().getJobExecution().getJobParameters();
        String jobName = context.getStepContext().getJobName();
        return of(jobName, parameters);
    }

    static RunParameters of(String jobName, JobParameters parameters) {
        Long attempt = parameters.getLong(ATTEMPT);
        String landing = parameters.getString(LANDING);
        return new RunParameters(jobName, parameters.getLocalDate(RUN_DATE), landing == null ? null : Path.of(landing),
                attempt == null ? 0 : attempt);
    }

    RunParameters withAttempt(long next) {
        return new RunParameters(jobName, runDate, landing, next);
    }

    /** Only the identifying parameters: enough to find the job instance of a date and attempt. */
    JobParameters identity() {
        JobParametersBuilder builder = new JobParametersBuilder().addLocalDate(RUN_DATE, runDate, true);
        if (attempt > 0) {
            builder.addLong(ATTEMPT, attempt, true);
        }
        return builder.toJobParameters();
    }

    JobParameters toJobParameters() {
        return new JobParametersBuilder(identity())
                .addString(LANDING, landing.toAbsolutePath().normalize().toString(), false)
                .toJobParameters();
    }
}
