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
 * of a date carries no attempt at all. The landing folder travels along but does not identify the run, and so does
 * {@code publishOlder} ({@code --publish-older}): publish this night even when the published one has a later run date.
 */
public record RunParameters(String jobName, LocalDate runDate, Path landing, long attempt, boolean publishOlder) {

    static final String RUN_DATE = "runDate";
    static final String ATTEMPT = "attempt";
    static final String LANDING = "landing";
    static final String PUBLISH_OLDER = "publishOlder";

    public RunParameters(String jobName, LocalDate runDate, Path landing) {
        this(jobName, runDate, landing, 0);
    }

    public RunParameters(String jobName, LocalDate runDate, Path landing, long attempt) {
        this(jobName, runDate, landing, attempt, false);
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
                attempt == null ? 0 : attempt, "true".equals(parameters.getString(PUBLISH_OLDER)));
    }

    RunParameters withAttempt(long next) {
        return new RunParameters(jobName, runDate, landing, next, publishOlder);
    }

    RunParameters withPublishOlder(boolean publish) {
        return new RunParameters(jobName, runDate, landing, attempt, publish);
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
                .addString(PUBLISH_OLDER, Boolean.toString(publishOlder), false)
                .toJobParameters();
    }
}
