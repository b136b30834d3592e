package dev.baton.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

import org.flywaydb.core.Flyway;

/**
 * The DuckDB file a run builds before it is published. Its fixed schema (landing tables, quarantine, ledgers)
 * comes from Flyway; everything else is built by the SQL models.
 */
public final class BuildFiles {

    private final WarehouseLayout layout;
    private final DuckDbFiles duckDb;

    public BuildFiles(WarehouseLayout layout, DuckDbFiles duckDb) {
        this.layout = layout;
        this.duckDb = duckDb;
    }

    /** Starts the run's build file from nothing, so re-running the first step cannot load anything twice. */
    public Path createFresh(String jobName, LocalDate runDate) {
        layout.createDirectories();
        Path file = layout.buildFile(jobName, runDate);
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(Path.of(file + ".wal"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the old build file " + file, e);
        }
        Flyway.configure()
                .dataSource("jdbc:duckdb:" + file, null, null)
                .locations("classpath:db/warehouse")
                .load()
                .migrate();
        return file;
    }

    public Connection open(String jobName, LocalDate runDate) throws SQLException {
        Path file = layout.buildFile(jobName, runDate);
        if (!Files.exists(file)) {
            throw new IllegalStateException("No build file " + file + " for run date " + runDate
                    + "; the job's first step creates it, so run the job from its start");
        }
        return duckDb.openReadWrite(file);
    }

    public WarehouseLayout layout() {
        return layout;
    }
}
