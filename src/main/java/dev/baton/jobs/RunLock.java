package dev.baton.jobs;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import dev.baton.warehouse.OwnedFileLock;

/**
 * One run of a job at a time, across processes: an OS lock on {@code <warehouse>/state/<job>.lock}. The OS drops
 * the lock when its process dies, even by kill -9, so holding it also proves that any run of this job still
 * marked STARTED in the history belongs to a process that is gone. The file says who holds it: the job and run date,
 * pid and host, when the run started and which step it is in (rewritten at each step), so {@code status},
 * {@code recover} and a second {@code run} can say what runs without opening the run history, which H2 lets one
 * process open at a time.
 */
final class RunLock implements AutoCloseable {

    static final String SUFFIX = ".lock";

    private final OwnedFileLock lock;
    private final String running;

    private RunLock(OwnedFileLock lock, String running) {
        this.lock = lock;
        this.running = running;
    }

    /** The lock, or empty when another process (or thread) is running the job. */
    static Optional<RunLock> tryAcquire(Path stateDir, String jobName) {
        return tryAcquire(stateDir, jobName, RunOwner.current().describe());
    }

    /** The lock for a run of this date, described as such; empty when another process (or thread) runs the job. */
    static Optional<RunLock> tryAcquire(Path stateDir, String jobName, LocalDate runDate) {
        return tryAcquire(stateDir, jobName, "job '" + jobName + "' for run date " + runDate + ", " + RunOwner.current().describe()
                + ", started " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private static Optional<RunLock> tryAcquire(Path stateDir, String jobName, String running) {
        return OwnedFileLock.tryAcquire(file(stateDir, jobName), running).map(lock -> new RunLock(lock, running));
    }

    /** Says which step the run is in now. */
    void stepStarted(String stepName) {
        lock.describe(running + ", in step " + stepName + " since " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Who holds the lock, as written by the holder (for the message when a run is refused). */
    static String holder(Path stateDir, String jobName) {
        return OwnedFileLock.owner(file(stateDir, jobName));
    }

    static Path file(Path stateDir, String jobName) {
        return stateDir.resolve(jobName + SUFFIX);
    }

    @Override
    public void close() {
        lock.close();
    }
}
