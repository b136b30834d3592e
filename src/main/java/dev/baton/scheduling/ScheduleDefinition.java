package dev.baton.scheduling;

import java.nio.file.Path;
import java.text.ParseException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

import dev.baton.warehouse.OptionProblems;
import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.ProjectFiles.ProjectFile;
import org.quartz.CronExpression;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A schedule as declared in {@code schedules/<name>.yml}: when a job runs, never what it does.
 *
 * @param cron Quartz cron with a seconds field, e.g. {@code 0 30 2 * * ?}
 * @param timeZone the zone the cron is read in, e.g. {@code America/New_York}
 * @param runDate how a firing's business date is derived: {@code previous_day} or {@code same_day}
 * @param misfire after downtime: {@code all}, {@code latest} or {@code none}
 * @param parameters job parameters every firing passes to the run, e.g. {@code landing: /data/landing}
 */
public record ScheduleDefinition(String name, String job, String cron, String timeZone, String runDate, String misfire,
        Map<String, String> parameters) {

    /** The parameters a schedule may carry: what a run takes besides its business date. */
    static final String LANDING = "landing";
    private static final Set<String> PARAMETERS = Set.of(LANDING);

    public ScheduleDefinition {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public ScheduleDefinition(String name, String job, String cron, String timeZone, String runDate, String misfire) {
        this(name, job, cron, timeZone, runDate, misfire, Map.of());
    }

    /**
     * The landing folder of this schedule's runs: {@code override} (serve --landing) when given, else the schedule's
     * {@code landing} parameter (a relative path is read from the working directory), else null.
     */
    public Path landing(Path override) {
        if (override != null) {
            return override;
        }
        String landing = parameters.get(LANDING);
        return landing == null ? null : Path.of(landing);
    }

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();
    private static final Set<String> RUN_DATES = Set.of("previous_day", "same_day");
    private static final Set<String> MISFIRE_POLICIES = Set.of("all", "latest", "none");

    public CronExpression cronExpression() {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone(ZoneId.of(timeZone)));
            return expression;
        } catch (ParseException e) {
            throw new IllegalStateException("schedule " + name + ": cron '" + cron + "' is not a Quartz cron: " + e.getMessage(), e);
        }
    }

    /** Reads and checks every schedule; each must target one of {@code jobNames}. */
    public static List<ScheduleDefinition> readAll(ProjectFiles files, Set<String> jobNames) {
        List<ScheduleDefinition> schedules = new ArrayList<>();
        for (ProjectFile file : files.find("schedules", ".yml")) {
            ScheduleDefinition schedule;
            try {
                schedule = YAML.readValue(file.text(), ScheduleDefinition.class);
            } catch (RuntimeException e) {
                throw new IllegalStateException(file.path() + ": " + OptionProblems.describe(e, file.text()), e);
            }
            schedule.validate(file, jobNames);
            schedules.add(schedule);
        }
        return schedules;
    }

    private void validate(ProjectFile file, Set<String> jobNames) {
        String expectedName = file.fileName().replaceFirst("\\.yml$", "");
        if (!expectedName.equals(name)) {
            throw new IllegalStateException(file.path() + ": name '" + name + "' must match the file name");
        }
        if (!jobNames.contains(job)) {
            throw new IllegalStateException(file.path() + ": job '" + job + "' is not defined in jobs/ " + jobNames);
        }
        if (timeZone == null) {
            throw new IllegalStateException(file.path() + ": time_zone is required (a cron means nothing without one)");
        }
        try {
            ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            throw new IllegalStateException(file.path() + ": time_zone '" + timeZone + "' is not a zone id", e);
        }
        if (cron == null || !CronExpression.isValidExpression(cron)) {
            throw new IllegalStateException(file.path() + ": cron '" + cron + "' is not a valid Quartz cron");
        }
        if (!RUN_DATES.contains(runDate)) {
            throw new IllegalStateException(file.path() + ": run_date must be one of " + RUN_DATES + ", got '" + runDate + "'");
        }
        if (!MISFIRE_POLICIES.contains(misfire)) {
            throw new IllegalStateException(file.path() + ": misfire must be one of " + MISFIRE_POLICIES + ", got '" + misfire + "'");
        }
        parameters.forEach((key, value) -> {
            if (!PARAMETERS.contains(key)) {
                throw new IllegalStateException(file.path() + ": parameter '" + key + "' is not a job parameter " + PARAMETERS);
            }
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(file.path() + ": parameter '" + key + "' has no value");
            }
        });
    }
}
