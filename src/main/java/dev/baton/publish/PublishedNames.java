package dev.baton.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

import dev.baton.warehouse.FileTrees;

/**
 * The names readers open, switched from one version to the next as one: {@code current} is a relative symbolic link
 * to the version folder, and {@code warehouse.duckdb}, {@code reporting.duckdb} and {@code parquet} are symbolic links
 * through it ({@code current/warehouse.duckdb}, ...). One atomic rename of {@code current} therefore moves all three;
 * a process killed at any point leaves all three on the old version or all three on the new one. The three links are
 * made once (when a warehouse from before {@code current} is first published again, and repaired at the start of every
 * publish, should that first time have been interrupted) and never change after.
 */
final class PublishedNames {

    static final String CURRENT = "current";
    private static final List<String> NAMES = List.of(PublishedVersions.DATABASE, PublishedVersions.REPORTING,
            PublishedVersions.PARQUET);

    private PublishedNames() {
    }

    /** Points {@code current} at the version folder with one rename, then makes sure the three names lead through it. */
    static void switchTo(Path root, Path versionFolder) throws IOException {
        Path next = root.resolve("." + CURRENT + ".next");
        Files.deleteIfExists(next);
        Files.createSymbolicLink(next, root.relativize(versionFolder));
        Files.move(next, root.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        CrashPoint.reached("after-current-renamed");
        linkNames(root);
    }

    /** Makes each published name a link through {@code current}; a name that already is one is left alone. */
    static void linkNames(Path root) throws IOException {
        if (current(root).isEmpty()) {
            return;
        }
        for (String name : NAMES) {
            Path link = root.resolve(name);
            Path target = Path.of(CURRENT, name);
            if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
                continue;
            }
            if (Files.isDirectory(link, LinkOption.NOFOLLOW_LINKS)) {
                // a parquet folder from before versions existed
                FileTrees.delete(link);
            }
            Path next = root.resolve("." + name + ".next");
            Files.deleteIfExists(next);
            Files.createSymbolicLink(next, target);
            Files.move(next, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            CrashPoint.reached("after-" + name + "-linked");
        }
    }

    /** The version folder {@code current} points at, if the warehouse has one. */
    static Optional<Path> current(Path root) throws IOException {
        Path link = root.resolve(CURRENT);
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        return Optional.of(root.resolve(Files.readSymbolicLink(link)).normalize());
    }
}
