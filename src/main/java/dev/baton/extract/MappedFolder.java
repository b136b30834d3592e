package dev.baton.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A source mapping of a several-source night and the folder its export files are in, relative to the landing folder
 * ({@code with.sources: [{source: stripe, folder: billing}]}; the mapping's name when no folder is named).
 */
record MappedFolder(SourceMapping mapping, Path folder) implements NightSource {

    /** A job's folder name: a relative path that stays inside the landing folder. */
    static Path relativeFolder(String step, String folder) {
        Path path = Path.of(folder).normalize();
        if (folder.isBlank() || path.isAbsolute() || path.startsWith("..") || path.toString().isEmpty()) {
            throw new IllegalStateException("step '" + step + "': source folder '" + folder
                    + "' must be a folder inside the landing folder");
        }
        return path;
    }

    /** The folder under {@code landing}; it must exist and lie inside the landing folder, links followed. */
    Path resolve(Path landing) {
        Path resolved = landing.resolve(folder);
        try {
            if (!Files.isDirectory(resolved) || !resolved.toRealPath().startsWith(landing.toRealPath())) {
                throw new IllegalArgumentException("Source folder " + resolved
                        + " is not a folder inside the landing folder " + landing);
            }
            return resolved.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resolve source folder " + resolved, e);
        }
    }
}
