package dev.baton.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

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

    /** What a new build file carries over from the published warehouse: landed rows and the load history. */
    private static final String CARRIED_OVER = "table_name like 'landed\\_%' escape '\\' or table_name in"
            + " ('quarantine', 'load_reconciliation', 'load_ledger', 'source_watermarks')";

    /**
     * Starts the run's build file anew: the schema from Flyway, then the published warehouse's landed rows and
     * load history, so staging persists across nights while re-running a step cannot load anything twice.
     */
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
        carryOverPublished(file);
        return file;
    }

    private void carryOverPublished(Path file) {
        Path published = layout.publishedFile();
        if (!Files.exists(published)) {
            return;
        }
        try (Connection connection = duckDb.openReadWrite(file); Statement statement = connection.createStatement()) {
            statement.execute("attach " + SqlIdentifiers.quoteLiteral(published.toString()) + " as published (read_only)");
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("select table_name from duckdb_tables() where database_name = 'published'"
                    + " and schema_name = 'main' and (" + CARRIED_OVER + ") and table_name in"
                    + " (select table_name from duckdb_tables() where database_name = current_database() and schema_name = 'main')")) {
                while (rows.next()) {
                    tables.add(SqlIdentifiers.require(rows.getString(1)));
                }
            }
            for (String table : tables) {
                // by name: a warehouse published before a newer migration lacks its columns, which keep their defaults
                statement.execute("insert into " + table + " by name select * from published.main." + table);
            }
            statement.execute("detach published");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot carry the landed rows of " + published + " into " + file + ": " + e.getMessage(), e);
        }
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
