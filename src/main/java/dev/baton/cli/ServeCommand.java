package dev.baton.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.baton.jobs.JobCatalog;
import dev.baton.jobs.JobRunner;
import dev.baton.jobs.Recovery;
import dev.baton.jobs.RunHistory;
import dev.baton.observe.MetricsEndpoint;
import dev.baton.scheduling.FailureBackoff;
import dev.baton.scheduling.NightScheduler;
import dev.baton.scheduling.ScheduleDefinition;
import dev.baton.sqlserver.SqlServer;
import dev.baton.sqlserver.SqlServerSettings;
import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.WarehouseLayout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run every schedule in schedules/ until stopped (SIGTERM lets a running night finish). First "
                + "recovers runs a killed process left STARTED and runs the nights missed while down.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    RunContextOptions options;

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--landing", description = "Landing folder for every schedule, overriding their `landing` parameter "
            + "(default: each schedule's, else generated sample data).")
    Path landing;

    @Option(names = "--catch-up-only", description = "Run the missed nights, then exit instead of waiting for the next firing.")
    boolean catchUpOnly;


    @Override
    public Integer call() throws Exception {
        WarehouseLayout layout = options.layout();
        Preflight.landing(landing);
        layout.createDirectories();
        // Closed by our own hook, after the scheduler has let a running night finish.
        ConfigurableApplicationContext context = options.startWithoutShutdownHook(layout);
        NightScheduler scheduler;
        SqlServer sqlServer = null;
        try {
            List<ScheduleDefinition> schedules = ScheduleDefinition.readAll(context.getBean(ProjectFiles.class),
                    context.getBean(JobCatalog.class).jobNames());
            context.getBean(Recovery.class).recoverAll().forEach(log::info);
            // Sample data only for a schedule that names no landing folder, when --landing does not either, and only
            // once a night of it runs.
            LazySampleLanding sample = new LazySampleLanding(layout);
            scheduler = new NightScheduler(schedules, context.getBean(JobRunner.class), context.getBean(RunHistory.class),
                    schedule -> Optional.ofNullable(schedule.landing(landing)).orElseGet(sample), Clock.systemDefaultZone(),
                    context.getBean(FailureBackoff.class));
            NightScheduler.CatchUp caughtUp = scheduler.catchUpNights();
            if (caughtUp.nights() == 0) {
                System.out.println("serve: nothing to catch up (" + String.join("; ", caughtUp.standing()) + ")");
            }
            if (catchUpOnly) {
                context.close();
                return caughtUp.allSucceeded() ? BatonCli.OK : BatonCli.JOB_FAILED;
            }
            // baton.sql-server.enabled: the Flight SQL endpoint beside the schedules (docs/bi.md); a port that
            // cannot be bound stops serve before any night is scheduled
            SqlServerSettings sql = SqlServerSettings.fromSettings(context.getEnvironment()::getProperty);
            if (sql != null) {
                sqlServer = SqlServer.start(layout, sql, System.err);
                log.info("serve: sql-server listening on {}:{}{}", sql.host(), sqlServer.port(), sql.tls() ? " (TLS)" : "");
            }
            try {
                context.getBean(MetricsEndpoint.class).start().ifPresent(address -> System.out.println(
                        "serve: metrics on http://" + address.getHostString() + ":" + address.getPort() + "/metrics"));
            } catch (RuntimeException e) {
                // The nights matter more than their scrape: schedule them anyway; metrics.prom is still written.
                log.warn("serve: no metrics endpoint: {}", e.getMessage());
            }
            scheduler.start();
            log.info("serve: {} schedule(s) running; stop with SIGTERM", schedules.size());
        } catch (Exception | Error e) {
            context.close();
            throw e;
        }
        SqlServer hosted = sqlServer;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (hosted != null) {
                    try {
                        hosted.close();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                scheduler.close();
                context.close();
                log.info("serve: stopped");
            } finally {
                stopped.countDown();
            }
        }, "baton-serve-shutdown"));
        stopped.await();
        return BatonCli.OK;
    }
}
