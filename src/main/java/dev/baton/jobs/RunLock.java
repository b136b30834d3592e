package dev.baton.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One run of a job at a time, across processes: an OS lock on {@code <warehouse>/state/<job>.lock}. The OS drops
 * the lock when its process dies, even by kill -9, so holding it also proves that any run of this job still
 * marked STARTED in the history belongs to a process that is gone.
 */
final class RunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another process (or thread) is running the job. */
    static Optional<RunLock> tryAcquire(Path stateDir, String jobName) {
        try {
            Files.createDirectories(stateDir);
            Path file = stateDir.resolve(jobName + ".lock");
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.READ);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap((RunOwner.current().describe() + "\n").getBytes(StandardCharsets.UTF_8)));
            return Optional.of(new RunLock(channel, lock));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + stateDir.resolve(jobName + ".lock"), e);
        }
    }

    /** Who holds the lock, as written by the holder (for the message when a run is refused). */
    static String holder(Path stateDir, String jobName) {
        try {
            return Files.readString(stateDir.resolve(jobName + ".lock")).strip();
        } catch (IOException e) {
            return "another process";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
