package dev.baton.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.baton.jobs.RunningNights;
import dev.baton.publish.PublishLock;
import dev.baton.publish.PublishedVersions;
import dev.baton.publish.PublishedVersions.Version;
import dev.baton.warehouse.WarehouseLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = "List the kept published versions, or with --rollback point the warehouse back at the previous one.")
final class PublishCommand implements Callable<Integer> {

    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--rollback", description = "Publish the version before the current one again (atomic renames; readers are not blocked).")
    boolean rollback;

    @Option(names = "--refresh-catalog", description = "Rebuild the published reporting.duckdb for where the warehouse folder is now (after moving it).")
    boolean refreshCatalog;

    @Override
    public Integer call() throws Exception {
        WarehouseLayout layout = warehouse.layout();
        PublishedVersions versions = new PublishedVersions(layout);
        if (rollback && refreshCatalog) {
            throw new IllegalArgumentException("--rollback and --refresh-catalog exclude each other");
        }
        if (rollback) {
            List<String> running = RunningNights.all(layout);
            if (!running.isEmpty()) {
                throw new IllegalArgumentException("Not rolling back while a night runs (" + String.join("; ", running)
                        + "): its publish would replace the rollback; roll back once it has ended");
            }
        }
        if (rollback || refreshCatalog) {
            String action = rollback ? "--rollback" : "--refresh-catalog";
            Optional<PublishLock> lock = PublishLock.tryAcquire(layout, "baton publish " + action);
            if (lock.isEmpty()) {
                throw new IllegalArgumentException("The published versions of " + warehouse.folder + " are being changed right now by "
                        + PublishLock.holder(layout) + "; try " + action + " again when it is done");
            }
            try (PublishLock held = lock.get()) {
                if (rollback) {
                    Version restored = versions.rollback();
                    System.out.println("Rolled back: warehouse.duckdb, parquet and reporting.duckdb are now version "
                            + restored.name() + " (run date " + restored.runDate() + ")");
                } else {
                    Version refreshed = versions.refreshCatalog();
                    System.out.println("Rebuilt reporting.duckdb of version " + refreshed.name() + " for "
                            + warehouse.folder.toAbsolutePath().normalize());
                }
            }
            return BatonCli.OK;
        }
        if (versions.list().isEmpty()) {
            throw new IllegalArgumentException("No published versions in " + warehouse.folder.toAbsolutePath() + "; run `baton run` first");
        }
        Optional<Version> current = versions.current();
        for (Version version : versions.list()) {
            boolean isCurrent = current.isPresent() && current.get().equals(version);
            System.out.println((isCurrent ? "* " : "  ") + version.name() + "  run date " + version.runDate()
                    + (isCurrent || versions.wasPublished(version) ? "" : "  (kept, not published: older than the published night)"));
        }
        return BatonCli.OK;
    }
}
