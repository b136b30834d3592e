package dev.baton.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A landing file's SHA-256 (the load ledger's checksum) and its line count, from one pass over its bytes: the lines
 * tell a clean CSV file, one record per line, from one whose records must be mapped to lines by {@link RecordLines},
 * without reading the file a second time.
 *
 * @param lines              line breaks, plus one for a last line without one
 * @param bareCarriageReturn a CR not followed by LF: a line end some readers honour and {@link RecordLines} does not
 */
record FileDigest(String checksum, long lines, boolean bareCarriageReturn) {

    static FileDigest of(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide SHA-256
            throw new IllegalStateException(e);
        }
        long lines = 0;
        boolean bareCr = false;
        int last = -1;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        lines++;
                    } else if (last == '\r') {
                        bareCr = true;
                    }
                    last = b;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        if (last == '\r') {
            bareCr = true;
        }
        if (last != -1 && last != '\n') {
            lines++;
        }
        return new FileDigest(HexFormat.of().formatHex(digest.digest()), lines, bareCr);
    }

    /**
     * Whether a CSV file DuckDB read as this many rows (after the header) and no rejected record holds every record on
     * a line of its own, row k on line k + 1: a blank line, a header or a value over several lines would each make the
     * file longer than that.
     */
    boolean oneLinePerRecord(long goodRows) {
        return !bareCarriageReturn && lines == goodRows + 1;
    }
}
