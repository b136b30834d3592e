package dev.baton.jobs;

import java.nio.file.Path;
import java.time.LocalDate;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.scope.context.ChunkContext;

/**
 * A run is identified by its business date alone, so a failed night is restarted and a completed night is
 * not silently re-run. The landing folder travels along but does not identify the run.
 */
public record RunParameters(String jobName, LocalDate runDate, Path landing) {

    static final String RUN_DATE = "runDate";
    static final String LANDING = "landing";

    public static RunParameters of(ChunkContext context) {
        JobParameters parameters = context.getStepContext().getStepExecution().getJobExecution().getJobParameters();
        String jobName = context.getStepContext().getJobName();
        return new RunParameters(jobName, parameters.getLocalDate(RUN_DATE), Path.of(parameters.getString(LANDING)));
    }

    JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addLocalDate(RUN_DATE, runDate, true)
                .addString(LANDING, landing.toAbsolutePath().normalize().toString(), false)
                .toJobParameters();
    }
}
