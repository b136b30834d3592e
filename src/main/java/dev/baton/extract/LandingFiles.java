package dev.baton.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of one entity in a landing folder: {@code <entity>*.csv|jsonl|parquet}, directly in the folder. A file that is
 * a link leading outside the folder is refused, so configuration cannot make Baton read arbitrary files.
 */
final class LandingFiles {

    private final Path folder;

    LandingFiles(Path folder) {
        this.folder = folder;
    }

    List<Path> of(String entity) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("Landing folder " + folder + " does not exist");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files
                    .filter(file -> matches(file.getFileName().toString(), entity))
                    .map(this::confined)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list landing folder " + folder, e);
        }
    }

    private static final List<String> EXTENSIONS = List.of(".csv", ".jsonl", ".parquet");

    private static boolean matches(String fileName, String entity) {
        String extension = EXTENSIONS.stream().filter(fileName::endsWith).findFirst().orElse(null);
        if (!fileName.startsWith(entity) || extension == null) {
            return false;
        }
        // "deals*.csv" takes deals.csv and deals_2024-01.csv, not a file of some "dealsx" entity.
        String rest = fileName.substring(entity.length(), fileName.length() - extension.length());
        return rest.isEmpty() || !Character.isLetter(rest.charAt(0));
    }

    /** One named file of the folder (a source mapping's export file), confined like the rest. */
    Path named(String fileName) {
        Path file = folder.resolve(fileName);
        if (!file.getParent().equals(folder) || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Landing file " + fileName + " not found in " + folder);
        }
        return confined(file);
    }

    private Path confined(Path file) {
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(folder.toRealPath())) {
                throw new IllegalArgumentException("Landing file " + file + " leads outside the landing folder " + folder);
            }
            return real;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resolve landing file " + file, e);
        }
    }
}
