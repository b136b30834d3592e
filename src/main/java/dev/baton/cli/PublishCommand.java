package dev.baton.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.baton.publish.PublishedVersions;
import dev.baton.publish.PublishedVersions.Version;
import dev.baton.warehouse.WarehouseLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "List the kept published versions, or with --rollback point the warehouse back at the previous one.")
final class PublishCommand implements Callable<Integer> {

    @Option(names = "--warehouse", defaultValue = "${env:BATON_WAREHOUSE:-warehouse}",
            description = "Warehouse folder (default: ${DEFAULT-VALUE}).")
    Path warehouse;

    @Option(names = "--rollback", description = "Publish the version before the current one again (atomic renames; readers are not blocked).")
    boolean rollback;

    @Override
    public Integer call() throws Exception {
        PublishedVersions versions = new PublishedVersions(new WarehouseLayout(warehouse));
        if (rollback) {
            Version restored = versions.rollback();
            System.out.println("Rolled back: warehouse.duckdb, parquet and reporting.duckdb are now version "
                    + restored.name() + " (run date " + restored.runDate() + ")");
            return BatonCli.OK;
        }
        if (versions.list().isEmpty()) {
            throw new IllegalArgumentException("No published versions in " + warehouse.toAbsolutePath() + "; run `baton run` first");
        }
        Optional<Version> current = versions.current();
        for (Version version : versions.list()) {
            boolean isCurrent = current.isPresent() && current.get().equals(version);
            System.out.println((isCurrent ? "* " : "  ") + version.name() + "  run date " + version.runDate());
        }
        return BatonCli.OK;
    }
}
