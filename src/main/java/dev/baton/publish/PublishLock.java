package dev.baton.publish;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import dev.baton.warehouse.OwnedFileLock;
import dev.baton.warehouse.WarehouseLayout;

/**
 * One change of the published versions at a time, across processes and jobs: an OS lock on
 * {@code <warehouse>/state/publish.lock}, held by a publish step from preparing its version folder to pruning old
 * ones, and by {@code baton publish --rollback} and {@code --refresh-catalog}. It is per warehouse, not per job,
 * because every job publishing into a folder shares its {@code versions/}. The OS drops it when the process dies,
 * even by kill -9.
 */
public final class PublishLock implements AutoCloseable {

    private final OwnedFileLock lock;

    private PublishLock(OwnedFileLock lock) {
        this.lock = lock;
    }

    static Path file(WarehouseLayout layout) {
        return layout.stateDir().resolve("publish.lock");
    }

    /** The lock, or empty while another process (or thread) changes the published versions. */
    public static Optional<PublishLock> tryAcquire(WarehouseLayout layout, String holder) {
        String owner = holder + " (pid " + ProcessHandle.current().pid() + ", since " + Instant.now() + ")";
        return OwnedFileLock.tryAcquire(file(layout), owner).map(PublishLock::new);
    }

    /** Waits for the lock: a rollback holds it for milliseconds, so a publish step waits rather than fails. */
    static PublishLock acquire(WarehouseLayout layout, String holder, Duration patience) throws InterruptedException {
        Instant giveUp = Instant.now().plus(patience);
        while (true) {
            Optional<PublishLock> lock = tryAcquire(layout, holder);
            if (lock.isPresent()) {
                return lock.get();
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("The published versions of " + layout.root() + " are being changed by "
                        + holder(layout) + "; gave up waiting after " + patience.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** Who holds the lock, as written by the holder. */
    public static String holder(WarehouseLayout layout) {
        return OwnedFileLock.owner(file(layout));
    }

    @Override
    public void close() {
        lock.close();
    }
}
