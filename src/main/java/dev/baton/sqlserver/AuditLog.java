package dev.baton.sqlserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;

import dev.baton.warehouse.Sha256;

/**
 * {@code <warehouse>/state/sql-audit.log}: one line per statement, whether it ran, failed or was refused. The
 * statement itself is not written, only its SHA-256: a literal in a WHERE clause can be personal data, and the
 * hash still tells which dashboard query ran how often and how long.
 */
final class AuditLog {

    enum Outcome { OK, FAILED, REFUSED }

    private final Path file;

    AuditLog(Path stateDir) {
        this.file = stateDir.resolve("sql-audit.log");
    }

    Path file() {
        return file;
    }

    synchronized void record(String user, String sql, long rows, long millis, Outcome outcome, String reason) {
        String line = Instant.now() + "\tuser=" + user + "\tsha256=" + Sha256.hex(sql) + "\trows=" + rows + "\tms=" + millis
                + "\trefused=" + (outcome == Outcome.REFUSED ? "yes" : "no") + "\toutcome=" + outcome.name().toLowerCase(Locale.ROOT)
                + (reason == null ? "" : "\treason=" + reason.replaceAll("\\s+", " ")) + "\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the audit log " + file, e);
        }
    }
}
