package dev.baton.warehouse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files that are never written again once made (published Parquet, raw archives, landing copies) share their bytes. */
public final class FileLinks {

    private FileLinks() {
    }

    /**
     * Makes {@code target} a hard link to {@code source}, or a copy of it where the file system has no hard links (or
     * the link cannot be made, e.g. across file systems or over an existing file, which the copy replaces).
     */
    public static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
