package dev.baton.cli;

import java.util.List;
import java.util.concurrent.Callable;

import dev.baton.jobs.Recovery;
import dev.baton.jobs.RunningNights;
import dev.baton.warehouse.WarehouseLayout;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "recover", mixinStandardHelpOptions = true,
        description = "Mark runs left STARTED by a killed process as FAILED, so `baton run` restarts them at the "
                + "interrupted step. A job that is really running (its lock is held) is left alone.")
final class RecoverCommand implements Callable<Integer> {

    @Mixin
    RunContextOptions options;


    @Override
    public Integer call() {
        WarehouseLayout layout = options.layout();
        layout.createDirectories();
        List<String> running = RunningNights.all(layout);
        if (!running.isEmpty() && options.historyInWarehouse()) {
            running.forEach(night -> System.out.println("Running right now, left alone: " + night));
            System.out.println("Nothing recovered: the running night's process has the run history open (H2 admits one process);"
                    + " a run it leaves STARTED is recovered by the next run, or by recover once it has ended.");
            return BatonCli.OK;
        }
        try (ConfigurableApplicationContext context = options.start(layout)) {
            List<String> report = context.getBean(Recovery.class).recoverAll();
            if (report.isEmpty()) {
                System.out.println("Nothing to recover: no run is left STARTED by a dead process.");
            }
            report.forEach(System.out::println);
            return BatonCli.OK;
        }
    }
}
