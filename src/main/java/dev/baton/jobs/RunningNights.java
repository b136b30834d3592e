package dev.baton.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.baton.warehouse.OwnedFileLock;
import dev.baton.warehouse.WarehouseLayout;

/**
 * The runs going on in a warehouse folder right now, read from the jobs' run locks rather than from the run history:
 * while a night runs, its process has the H2 history open, and H2 lets no second process in. So {@code status},
 * {@code recover}, a second {@code run} and {@code publish --rollback} consult these first.
 */
public final class RunningNights {

    private RunningNights() {
    }

    /** What each running job's lock says (job, run date, pid, host, started, step), one line per job. */
    public static List<String> all(WarehouseLayout layout) {
        Path stateDir = layout.stateDir();
        if (!Files.isDirectory(stateDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(stateDir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(RunLock.SUFFIX))
                    .filter(file -> !file.getFileName().toString().equals("publish" + RunLock.SUFFIX))
                    .sorted()
                    .filter(OwnedFileLock::isHeld)
                    .map(OwnedFileLock::owner)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + stateDir, e);
        }
    }

    /** What the job's lock says, when a run of that job holds it. */
    public static Optional<String> of(WarehouseLayout layout, String jobName) {
        Path file = RunLock.file(layout.stateDir(), jobName);
        return OwnedFileLock.isHeld(file) ? Optional.of(OwnedFileLock.owner(file)) : Optional.empty();
    }
}
