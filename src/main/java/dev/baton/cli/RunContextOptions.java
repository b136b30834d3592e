package dev.baton.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.baton.jobs.RunningNights;
import dev.baton.observe.MetricsExport;
import dev.baton.warehouse.WarehouseLayout;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every command that reads or writes run history shares: which warehouse, which definitions, overrides. */
final class RunContextOptions {

    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--project-dir", defaultValue = "${env:BATON_PROJECT_DIR}",
            description = "Folder with jobs/, sql/, schedules/ (default: the copies inside the jar).")
    Path projectDir;

    @Option(names = "-D", paramLabel = "KEY=VALUE",
            description = "Override a setting from application.yml, e.g. -Dbaton.metrics.gross-margin=0.75.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The warehouse, once the settings are checked: every command asks for it before it writes anything. */
    WarehouseLayout layout() {
        Preflight.settings(settings);
        return warehouse.layout();
    }

    /** Whether the run history is the warehouse's own H2 file, which a running night keeps to itself. */
    boolean historyInWarehouse() {
        return BatonContext.historyInWarehouse(settings);
    }

    /**
     * Refuses, before the run history is opened (a running night's process holds the H2 file), to start a job that is
     * running: the refusal says who runs it, where, since when and in which step.
     */
    static void refuseWhileRunning(WarehouseLayout layout, String job) {
        RunningNights.of(layout, job).ifPresent(running -> {
            throw new AlreadyRunning("Job '" + job + "' is already running (" + running + "); not starting a second run");
        });
    }

    /** A refused run: exit 2, like every refusal. */
    static final class AlreadyRunning extends IllegalArgumentException {

        AlreadyRunning(String message) {
            super(message);
        }
    }

    ConfigurableApplicationContext start(WarehouseLayout layout) {
        return withMetricsFile(BatonContext.start(layout, projectDir, settings));
    }

    /** For a command that closes the context itself, after its own work stopped. */
    ConfigurableApplicationContext startWithoutShutdownHook(WarehouseLayout layout) {
        return withMetricsFile(BatonContext.start(layout, projectDir, settings, false));
    }

    /** Every command that works on a warehouse leaves state/metrics.prom as the history and warehouse now say. */
    private static ConfigurableApplicationContext withMetricsFile(ConfigurableApplicationContext context) {
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                context.getBean(MetricsExport.class).writeFile();
            }
        });
        return context;
    }
}
