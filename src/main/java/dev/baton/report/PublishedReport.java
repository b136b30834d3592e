package dev.baton.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import dev.baton.publish.PublishedVersions;
import dev.baton.publish.PublishedVersions.Version;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.WarehouseLayout;

/**
 * The report of the published version: rendered from that version's own warehouse file, written into its folder
 * ({@code versions/<version>/report/index.html}, renamed into place so a browser never opens half a report), and
 * {@code <warehouse>/report} pointed at it. A rollback points the link at the older version's report.
 */
public final class PublishedReport {

    private PublishedReport() {
    }

    /** Renders the current version's report; returns the file written. */
    public static Path render(WarehouseLayout layout, DuckDbFiles duckDb) throws IOException, SQLException {
        PublishedVersions versions = new PublishedVersions(layout);
        Version version = versions.current().orElseThrow(() -> new IllegalArgumentException(
                "No published version in " + layout.root() + " to write a report for; run `baton run` first"));
        Path target = version.report().resolve("index.html");
        write(target, html(duckDb, version.database(), version));
        // a rollback or another publish may have switched versions meanwhile: link whatever is current now
        Optional<Version> current = versions.current();
        if (current.isPresent()) {
            versions.linkReport(current.get());
        }
        return target;
    }

    static String html(DuckDbFiles duckDb, Path database, Version version) throws SQLException {
        try (Connection connection = duckDb.openReadOnlyWithLimits(database)) {
            return new HtmlReport(ReportData.read(connection, version.runDate(), version.name()), version.runDate()).render();
        }
    }

    static void write(Path target, String html) throws IOException {
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.writeString(partial, html, StandardCharsets.UTF_8);
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
