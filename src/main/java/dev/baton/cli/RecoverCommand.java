package dev.baton.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.baton.jobs.Recovery;
import dev.baton.warehouse.WarehouseLayout;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Mark runs left STARTED by a killed process as FAILED, so `baton run` restarts them at the "
                + "interrupted step. A job that is really running (its lock is held) is left alone.")
final class RecoverCommand implements Callable<Integer> {

    @Option(names = "--warehouse", defaultValue = "${env:BATON_WAREHOUSE:-warehouse}",
            description = "Warehouse folder (default: ${DEFAULT-VALUE}).")
    Path warehouse;

    @Option(names = "--project-dir", defaultValue = "${env:BATON_PROJECT_DIR}",
            description = "Folder with jobs/, sql/, schedules/ (default: the copies inside the jar).")
    Path projectDir;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Override a setting from application.yml.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() {
        WarehouseLayout layout = new WarehouseLayout(warehouse);
        layout.createDirectories();
        try (ConfigurableApplicationContext context = BatonContext.start(layout, projectDir, settings)) {
            List<String> report = context.getBean(Recovery.class).recoverAll();
            if (report.isEmpty()) {
                System.out.println("Nothing to recover: no run is left STARTED by a dead process.");
            }
            report.forEach(System.out::println);
            return BatonCli.OK;
        }
    }
}
