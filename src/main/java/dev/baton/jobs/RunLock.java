package dev.baton.jobs;

import java.nio.file.Path;
import java.util.Optional;

import dev.baton.warehouse.OwnedFileLock;

/**
 * One run of a job at a time, across processes: an OS lock on {@code <warehouse>/state/<job>.lock}. The OS drops
 * the lock when its process dies, even by kill -9, so holding it also proves that any run of this job still
 * marked STARTED in the history belongs to a process that is gone.
 */
final class RunLock implements AutoCloseable {

    private final OwnedFileLock lock;

    private RunLock(OwnedFileLock lock) {
        this.lock = lock;
    }

    /** The lock, or empty when another process (or thread) is running the job. */
    static Optional<RunLock> tryAcquire(Path stateDir, String jobName) {
        return OwnedFileLock.tryAcquire(file(stateDir, jobName), RunOwner.current().describe()).map(RunLock::new);
    }

    /** Who holds the lock, as written by the holder (for the message when a run is refused). */
    static String holder(Path stateDir, String jobName) {
        return OwnedFileLock.owner(file(stateDir, jobName));
    }

    private static Path file(Path stateDir, String jobName) {
        return stateDir.resolve(jobName + ".lock");
    }

    @Override
    public void close() {
        lock.close();
    }
}
