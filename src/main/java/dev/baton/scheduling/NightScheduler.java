package dev.baton.scheduling;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import dev.baton.jobs.JobRunner;
import dev.baton.jobs.RunHistory;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code baton serve}: Quartz (in-memory store) is the clock; Spring Batch history says what already ran. Each
 * schedule gets one one-shot trigger at its next {@link NightlyCalendar} firing, re-armed each time it fires.
 * A firing runs its business date, and with misfire {@code all} also every earlier night that has not
 * completed. Nothing here holds a warehouse connection: each step opens and closes its own.
 */
public final class NightScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NightScheduler.class);
    private static final String SELF = "baton.nightScheduler";

    private final List<ScheduleDefinition> schedules;
    private final JobRunner runner;
    private final RunHistory history;
    private final Function<ScheduleDefinition, Path> landing;
    private final Clock clock;
    private final FailureBackoff backoff;
    private final Map<String, ReentrantLock> jobLocks = new ConcurrentHashMap<>();
    private Scheduler quartz;

    /** @param landing the landing folder of a schedule's runs (serve --landing, else its {@code landing} parameter) */
    public NightScheduler(List<ScheduleDefinition> schedules, JobRunner runner, RunHistory history,
            Function<ScheduleDefinition, Path> landing, Clock clock) {
        this(schedules, runner, history, landing, clock, new FailureBackoff(Duration.ZERO, Duration.ZERO));
    }

    /** @param backoff how long a firing leaves a date alone after it failed (catch-up at start ignores it) */
    public NightScheduler(List<ScheduleDefinition> schedules, JobRunner runner, RunHistory history,
            Function<ScheduleDefinition, Path> landing, Clock clock, FailureBackoff backoff) {
        this.backoff = backoff;
        this.schedules = schedules;
        this.runner = runner;
        this.history = history;
        this.landing = landing;
        this.clock = clock;
    }

    /** What a catch-up did: how many nights it ran, whether all succeeded, and per schedule where history stood. */
    public record CatchUp(int nights, boolean allSucceeded, List<String> standing) {
    }

    /**
     * Runs the nights missed while Baton was down (per each schedule's misfire policy), oldest first.
     *
     * @return false when a run failed
     */
    public boolean catchUp() {
        return catchUpNights().allSucceeded();
    }

    public CatchUp catchUpNights() {
        boolean allSucceeded = true;
        int nights = 0;
        List<String> standing = new ArrayList<>();
        for (ScheduleDefinition schedule : schedules) {
            var lastCompleted = history.lastCompletedDate(schedule.job());
            standing.add(schedule.name() + ": " + lastCompleted.map(date -> "last completed run date " + date)
                    .orElse("no completed run yet"));
            List<LocalDate> missed = new NightlyCalendar(schedule).missedDates(lastCompleted, clock.instant());
            List<LocalDate> toRun = switch (schedule.misfire()) {
                case "all" -> missed;
                case "latest" -> missed.isEmpty() ? List.of() : List.of(missed.get(missed.size() - 1));
                default -> List.of();
            };
            if (!missed.isEmpty()) {
                log.info("schedule {}: {} night(s) missed while down {}; misfire {} runs {}", schedule.name(), missed.size(),
                        missed, schedule.misfire(), toRun);
            }
            for (LocalDate date : toRun) {
                allSucceeded &= runNight(schedule, date);
                nights++;
            }
        }
        return new CatchUp(nights, allSucceeded, standing);
    }

    /** Starts the clock: every schedule is armed at its next firing. */
    public void start() throws SchedulerException {
        Properties properties = new Properties();
        properties.setProperty("org.quartz.scheduler.instanceName", "baton-serve");
        properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        properties.setProperty("org.quartz.threadPool.threadCount", String.valueOf(Math.max(1, schedules.size())));
        properties.setProperty("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "false");
        StdSchedulerFactory factory = new StdSchedulerFactory(properties);
        quartz = factory.getScheduler();
        quartz.getContext().put(SELF, this);
        for (ScheduleDefinition schedule : schedules) {
            quartz.addJob(JobBuilder.newJob(ScheduledNight.class).withIdentity(schedule.name())
                    .usingJobData("schedule", schedule.name()).storeDurably().build(), false);
            arm(schedule, clock.instant());
        }
        quartz.start();
    }

    /** Waits for a running night to finish (so it ends COMPLETED or FAILED, restartable), then stops. */
    @Override
    public void close() {
        if (quartz == null) {
            return;
        }
        try {
            log.info("serve: shutting down; waiting for a running night to finish");
            quartz.shutdown(true);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Cannot stop the scheduler", e);
        }
    }

    private void arm(ScheduleDefinition schedule, Instant after) throws SchedulerException {
        NightlyCalendar.Firing next = new NightlyCalendar(schedule).next(after);
        if (next == null) {
            log.info("schedule {}: no further firings", schedule.name());
            return;
        }
        Trigger trigger = TriggerBuilder.newTrigger()
                // A fresh key per firing: the trigger that is firing right now completes (and is removed) on its own.
                .withIdentity(TriggerKey.triggerKey(schedule.name() + "@" + next.at()))
                .forJob(schedule.name())
                .startAt(Date.from(next.at()))
                // A firing delayed by a long night still happens, late; history then says what is left to do.
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
        if (!quartz.checkExists(trigger.getKey())) {
            quartz.scheduleJob(trigger);
        }
        log.info("schedule {}: next firing {} for run date {}", schedule.name(), next.at(), next.businessDate());
    }

    void fire(String scheduleName, Instant scheduledAt) throws SchedulerException {
        ScheduleDefinition schedule = schedules.stream().filter(s -> s.name().equals(scheduleName)).findFirst().orElseThrow();
        NightlyCalendar calendar = new NightlyCalendar(schedule);
        arm(schedule, scheduledAt.isAfter(clock.instant()) ? scheduledAt : clock.instant());
        LocalDate own = calendar.businessDate(scheduledAt);
        List<LocalDate> dates = new ArrayList<>();
        if (schedule.misfire().equals("all")) {
            calendar.missedDates(history.lastCompletedDate(schedule.job()), scheduledAt).stream()
                    .filter(date -> date.isBefore(own))
                    .forEach(dates::add);
        }
        dates.add(own);
        for (LocalDate date : dates) {
            var pending = backoff.pending(history, schedule.job(), date, clock.instant());
            if (pending.isPresent()) {
                log.info("schedule {}: run date {} failed {} time(s) in a row; backing off until {}", schedule.name(), date,
                        pending.get().failures(), pending.get().until());
                continue;
            }
            runNight(schedule, date);
        }
    }

    private boolean runNight(ScheduleDefinition schedule, LocalDate date) {
        ReentrantLock lock = jobLocks.computeIfAbsent(schedule.job(), job -> new ReentrantLock());
        lock.lock();
        try {
            if (history.isCompleted(schedule.job(), date)) {
                log.info("schedule {}: run date {} already completed; nothing to do", schedule.name(), date);
                return true;
            }
            log.info("schedule {}: running job {} for run date {}", schedule.name(), schedule.job(), date);
            JobRunner.Outcome outcome = runner.run(schedule.job(), date, landing.apply(schedule));
            if (outcome.succeeded()) {
                log.info("schedule {}: {}", schedule.name(), outcome.message());
            } else {
                log.error("schedule {}: {}", schedule.name(), outcome.message());
            }
            return outcome.succeeded();
        } finally {
            lock.unlock();
        }
    }

    /** The Quartz job; one firing of a schedule at a time, and {@link #runNight} serialises runs of one job. */
    @DisallowConcurrentExecution
    public static final class ScheduledNight implements Job {

        @Override
        public void execute(JobExecutionContext context) throws JobExecutionException {
            try {
                NightScheduler scheduler = (NightScheduler) context.getScheduler().getContext().get(SELF);
                scheduler.fire(context.getMergedJobDataMap().getString("schedule"), context.getScheduledFireTime().toInstant());
            } catch (SchedulerException | RuntimeException e) {
                log.error("schedule firing failed: {}", e.getMessage(), e);
                throw new JobExecutionException(e);
            }
        }
    }
}
