package dev.baton.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting a folder with everything in it, which the JDK has no single call for, and starting a folder afresh. */
public final class FileTrees {

    private FileTrees() {
    }

    /**
     * Deletes a file or folder and everything under it; nothing when it does not exist. A symbolic link is deleted
     * itself, never followed: a published name or a lake link must not take the files it leads to with it.
     */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(root)) {
            Files.delete(root);
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** An empty folder at {@code folder}: whatever was there is deleted ({@link #delete}) and the folder created. */
    public static Path fresh(Path folder) {
        try {
            delete(folder);
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot empty " + folder, e);
        }
    }
}
