package dev.baton.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@link FileDigest}s of a night's landing files, computed in file order on one thread of their own while DuckDB
 * reads and loads the files before: the pass over a file's bytes then costs no wall time of its own (it was a
 * sixteenth of the extract at 100k accounts, 0.6 s, every file walked once more before DuckDB read it).
 *
 * <p>A file is digested seconds before it is read, so each digest keeps the file's size and modification time from
 * before its pass, and {@link #requireUnchanged} refuses a file rewritten since: the ledger's checksum must be that of
 * the bytes that were loaded.
 */
final class FileDigests implements AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread daemon = new Thread(runnable, "baton-file-digests");
        daemon.setDaemon(true);
        return daemon;
    });
    private final Map<Path, CompletableFuture<Stamped>> digests = new LinkedHashMap<>();
    private final Map<Path, Stamp> stamps = new HashMap<>();

    /** Starts on the files in the order they will be asked for. */
    FileDigests(List<Path> files) {
        for (Path file : files) {
            digests.put(file, CompletableFuture.supplyAsync(() -> Stamped.of(file), thread));
        }
    }

    /** The file's digest, waiting for it if its turn has not come; a file not given at the start is read here. */
    FileDigest of(Path file) {
        CompletableFuture<Stamped> digest = digests.remove(file);
        Stamped stamped;
        if (digest == null) {
            stamped = Stamped.of(file);
        } else {
            try {
                stamped = digest.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof UncheckedIOException unreadable) {
                    throw unreadable;
                }
                throw e;
            }
        }
        stamps.put(file, stamped.before());
        return stamped.digest();
    }

    /**
     * Fails when the file's size or modification time is not what it was before its digest: it was rewritten between
     * the digest and the read, so the checksum would not be that of the rows loaded.
     */
    void requireUnchanged(Path file) {
        Stamp before = stamps.get(file);
        Stamp now = Stamp.of(file);
        if (before != null && !before.equals(now)) {
            throw new IllegalStateException(file + " changed while the night read it (size " + before.size() + " -> "
                    + now.size() + " bytes, modified " + before.modified() + " -> " + now.modified() + "); a delivery must be"
                    + " complete when it appears in the landing folder (write it elsewhere and move it in), then run again");
        }
    }

    /** Stops digesting files that were not asked for (a failed night stops at its first bad delivery). */
    @Override
    public void close() {
        digests.values().forEach(digest -> digest.cancel(false));
        thread.shutdownNow();
    }

    /** A file's size and modification time. */
    record Stamp(long size, FileTime modified) {

        static Stamp of(Path file) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(attributes.size(), attributes.lastModifiedTime());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the size of " + file, e);
            }
        }
    }

    /** A digest and the file's stamp from before it. */
    private record Stamped(FileDigest digest, Stamp before) {

        static Stamped of(Path file) {
            Stamp before = Stamp.of(file);
            return new Stamped(FileDigest.of(file), before);
        }
    }
}
