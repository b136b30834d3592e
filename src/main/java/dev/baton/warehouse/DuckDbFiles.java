package dev.baton.warehouse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens DuckDB files. No pool on purpose: an idle pooled connection keeps the file lock and would block
 * both the publish rename and every dashboard, so each step opens, works and closes. The one exception is a run's
 * own build file, which nobody else reads: {@link BuildFiles} keeps it open between the run's steps.
 */
public final class DuckDbFiles {

    private final BatonProperties.DuckDb settings;
    private final Path tempDirectory;
    private volatile StatementLog statementLog;

    public DuckDbFiles(BatonProperties.DuckDb settings, Path tempDirectory) {
        this.settings = settings;
        this.tempDirectory = tempDirectory;
    }

    public Connection openReadWrite(Path file) throws SQLException {
        Connection connection = withLimits(DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath()));
        StatementLog log = statementLog;
        return log != null && log.covers(file) ? log.wrap(connection, file) : connection;
    }

    /** From now on, what runs on files under the log's folder is recorded in it (the benchmark); null stops. */
    public void recordInto(StatementLog log) {
        this.statementLog = log;
    }

    /** Read-only, with the run's memory limit, spill folder and threads (a pipeline step reading the warehouse). */
    public Connection openReadOnlyWithLimits(Path file) throws SQLException {
        return withLimits(DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath() + ";access_mode=READ_ONLY"));
    }

    private Connection withLimits(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            if (joinedLockedInstance(statement)) {
                return connection;
            }
            // Only the built-in extensions exist offline; never let DuckDB try to download one.
            statement.execute("set autoinstall_known_extensions = false");
            statement.execute("set autoload_known_extensions = false");
            statement.execute("set TimeZone = 'UTC'");
            String spillFolder = tempDirectory.toAbsolutePath().toString();
            // A connection to a file this process has open joins its instance, which refuses to be told its spill
            // folder again once it has spilled, even the same folder.
            if (!spillFolder.equals(setting(statement, "temp_directory"))) {
                statement.execute("set temp_directory = " + SqlIdentifiers.quoteLiteral(spillFolder));
            }
            if (!settings.memoryLimit().isBlank()) {
                statement.execute("set memory_limit = '" + SqlIdentifiers.requireSetting(settings.memoryLimit()) + "'");
            }
            if (settings.threads() > 0) {
                statement.execute("set threads = " + settings.threads());
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static String setting(Statement statement, String name) throws SQLException {
        try (ResultSet value = statement.executeQuery("select current_setting(" + SqlIdentifiers.quoteLiteral(name) + ")")) {
            return value.next() ? value.getString(1) : null;
        }
    }

    public static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Options go after ';' — with '?' the driver silently creates a new, empty file. */
    public static Connection openReadOnly(Path file) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath() + ";access_mode=READ_ONLY");
        try (Statement statement = connection.createStatement()) {
            if (!joinedLockedInstance(statement)) {
                statement.execute("set TimeZone = 'UTC'");
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * A connection to a file this process already has open joins that file's instance. When the instance is the
     * sql-server's (serve hosting it, or a test), its configuration is locked, read-only, UTC and without external
     * access: nothing may be set on it, and nothing needs to be.
     */
    private static boolean joinedLockedInstance(Statement statement) throws SQLException {
        return "true".equalsIgnoreCase(setting(statement, "lock_configuration"));
    }
}
