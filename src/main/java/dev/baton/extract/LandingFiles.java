package dev.baton.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of one entity in a landing folder: {@code <entity>*.csv|jsonl|parquet}, directly in the folder, the name
 * matched ignoring case ({@code Deals_more.CSV} is a deals file). A file that is a link leading outside the folder is
 * refused, so configuration cannot make Baton read arbitrary files. {@link #unclaimed} names the files no entity took,
 * so a misnamed delivery is reported rather than ignored.
 */
final class LandingFiles {

    private final Path folder;
    private final Set<String> claimed = new HashSet<>();

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
                    .peek(file -> claimed.add(file.getFileName().toString()))
                    .map(this::confined)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list landing folder " + folder, e);
        }
    }

    private static final List<String> EXTENSIONS = List.of(".csv", ".jsonl", ".parquet");

    private static boolean matches(String name, String entity) {
        String fileName = name.toLowerCase(Locale.ROOT);
        String extension = EXTENSIONS.stream().filter(fileName::endsWith).findFirst().orElse(null);
        if (!fileName.startsWith(entity) || extension == null) {
            return false;
        }
        // "deals*.csv" takes deals.csv and deals_2024-01.csv, not a file of some "dealsx" entity.
        String rest = fileName.substring(entity.length(), fileName.length() - extension.length());
        return rest.isEmpty() || !Character.isLetter(rest.charAt(0));
    }

    /** The names of the folder's files (not folders) that no {@link #of} or {@link #named} call took so far, sorted. */
    List<String> unclaimed() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> file.getFileName().toString())
                    .filter(name -> !claimed.contains(name))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list landing folder " + folder, e);
        }
    }

    /** One named file of the folder (a source mapping's export file), confined like the rest. */
    Path named(String fileName) {
        Path file = folder.resolve(fileName);
        if (!file.getParent().equals(folder) || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Landing file " + fileName + " not found in " + folder);
        }
        claimed.add(file.getFileName().toString());
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
