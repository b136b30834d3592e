package dev.baton.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OS lock on a file that also says who holds it. The OS drops the lock when its process dies, even by kill -9,
 * so a lock that can be taken proves its previous holder is gone; the text is only for the refusal message.
 */
public final class OwnedFileLock implements AutoCloseable {

    /**
     * The files this JVM holds a lock on. Asked before a channel is opened: on Linux, closing any channel of a file
     * drops every lock the process holds on it, so probing a file this process holds would release it for others.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OwnedFileLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock with {@code owner} written into the file, or empty while another process (or thread) holds it. */
    public static Optional<OwnedFileLock> tryAcquire(Path file, String owner) {
        Path key = file.toAbsolutePath().normalize();
        if (!HELD_HERE.add(key)) {
            return Optional.empty();
        }
        try {
            Optional<OwnedFileLock> lock = lock(key, owner);
            if (lock.isEmpty()) {
                HELD_HERE.remove(key);
            }
            return lock;
        } catch (RuntimeException e) {
            HELD_HERE.remove(key);
            throw e;
        }
    }

    private static Optional<OwnedFileLock> lock(Path file, String owner) {
        try {
            Files.createDirectories(file.getParent());
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
            OwnedFileLock owned = new OwnedFileLock(file, channel, lock);
            owned.describe(owner);
            return Optional.of(owned);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + file, e);
        }
    }

    /** Says anew who holds the lock and what it is doing, for whoever finds it held. */
    public void describe(String owner) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((owner + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Whether a process (this one included) holds the lock now; the probe takes it for an instant when it is free. */
    public static boolean isHeld(Path file) {
        Path key = file.toAbsolutePath().normalize();
        if (!Files.exists(key)) {
            return false;
        }
        if (!HELD_HERE.add(key)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(key, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot probe the lock " + key, e);
        } finally {
            HELD_HERE.remove(key);
        }
    }

    /** Who holds (or last held) the lock, as its holder wrote it. */
    public static String owner(Path file) {
        try {
            return Files.readString(file).strip();
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
        } finally {
            HELD_HERE.remove(file);
        }
    }
}
