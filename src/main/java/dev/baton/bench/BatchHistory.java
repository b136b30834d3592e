package dev.baton.bench;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/** Step timings of one run, read back from the Spring Batch metadata the run wrote. */
public final class BatchHistory {

    private BatchHistory() {
    }

    /**
     * The steps of the latest execution for this job and run date. The extract step's input is what it read
     * (loaded + quarantined); every later step works on what the night read.
     */
    public static List<StepTiming> steps(DataSource metadata, String jobName, LocalDate runDate) {
        List<StepTiming> measured = new JdbcTemplate(metadata).query("""
                select s.STEP_NAME, s.START_TIME, s.END_TIME, s.WRITE_COUNT, s.FILTER_COUNT
                from BATCH_STEP_EXECUTION s
                where s.JOB_EXECUTION_ID = (
                    select max(e.JOB_EXECUTION_ID)
                    from BATCH_JOB_EXECUTION e
                    join BATCH_JOB_INSTANCE i on i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                    join BATCH_JOB_EXECUTION_PARAMS p on p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
                    where i.JOB_NAME = ? and p.PARAMETER_NAME = 'runDate' and p.PARAMETER_VALUE = ?)
                order by s.STEP_EXECUTION_ID""",
                (row, index) -> {
                    String name = row.getString(1);
                    double seconds = Duration.between(row.getTimestamp(2).toInstant(), row.getTimestamp(3).toInstant())
                            .toNanos() / 1e9;
                    return new StepTiming(name, row.getLong(4) + row.getLong(5), seconds);
                },
                jobName, runDate.toString());
        long read = measured.stream().filter(BatchHistory::isExtract).mapToLong(StepTiming::inputRows).sum();
        return measured.stream()
                .map(step -> isExtract(step) ? step : new StepTiming(step.step(), read, step.seconds()))
                .toList();
    }

    static boolean isExtract(StepTiming step) {
        return step.step().startsWith("extract");
    }
}
