package dev.baton.sqlserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;

import dev.baton.publish.PublishedVersions;
import dev.baton.publish.PublishedVersions.Version;
import dev.baton.warehouse.WarehouseLayout;
import org.duckdb.DuckDBConnection;

/**
 * Connections to the night published when a statement starts. A version's file is never written once published
 * (see {@link PublishedVersions}), so one DuckDB instance per version is shared by every statement on that night
 * and each statement gets its own connection to it: the statement keeps its night however many publishes
 * follow, the next statement opens the newest, and an instance is closed once a newer night is out and its last
 * statement has finished. The version's own path is opened, not {@code warehouse.duckdb}: DuckDB keeps one
 * instance per path for as long as a connection to it is open, which would pin every later statement to the
 * first night.
 */
final class PublishedSnapshots implements AutoCloseable {

    /** One statement's connection and the night it reads; closing it gives the night back. */
    final class Lease implements AutoCloseable {

        private final Instance instance;
        final Connection connection;

        private Lease(Instance instance, Connection connection) {
            this.instance = instance;
            this.connection = connection;
        }

        String version() {
            return instance.version;
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                // the statement is over either way; the instance is what holds the file
            } finally {
                release(instance);
            }
        }
    }

    private static final class Instance {
        final String version;
        final Path file;
        /** The server's own name for the file (a hard link), so no other DuckDB user of this JVM joins its instance. */
        final Path opened;
        final DuckDBConnection root;
        int leases;

        Instance(String version, Path file, Path opened, DuckDBConnection root) {
            this.version = version;
            this.file = file;
            this.opened = opened;
            this.root = root;
        }

        void close() {
            closeQuietly(root);
            if (!opened.equals(file)) {
                try {
                    Files.deleteIfExists(opened);
                } catch (IOException e) {
                    // left behind: the next server started on this warehouse removes the links of servers no longer running
                }
            }
        }
    }

    private final WarehouseLayout layout;
    private final PublishedVersions versions;
    private final Map<Path, Instance> open = new HashMap<>();
    private Path newest;

    PublishedSnapshots(WarehouseLayout layout) {
        this.layout = layout;
        this.versions = new PublishedVersions(layout);
        removeLinksOfDeadServers();
    }

    /** A killed server leaves its links behind, and a link keeps a pruned version's bytes on disk. */
    private void removeLinksOfDeadServers() {
        Path folder = layout.stateDir().resolve("sql-server");
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var links = Files.list(folder)) {
            for (Path link : links.toList()) {
                String name = link.getFileName().toString();
                int dash = name.indexOf('-');
                boolean alive = dash > 0 && name.substring(0, dash).chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(name.substring(0, dash))).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    Files.deleteIfExists(link);
                }
            }
        } catch (IOException e) {
            // only disk space is at stake; the server serves either way
        }
    }

    Lease lease() throws SQLException {
        Version version = versions.current().orElseThrow(() -> new IllegalStateException(
                "No published night in " + layout.root() + "; run `baton run` first"));
        Path file = version.folder().resolve("warehouse.duckdb");
        synchronized (this) {
            Instance instance = open.get(file);
            if (instance == null) {
                Path opened = privateName(file, version.name());
                try {
                    instance = new Instance(version.name(), file, opened, openReadOnly(opened));
                } catch (SQLException | RuntimeException e) {
                    deleteQuietly(opened, file);
                    throw e;
                }
                open.put(file, instance);
            }
            instance.leases++;
            newest = file;
            closeIdleOlder();
            try {
                return new Lease(instance, instance.root.duplicate());
            } catch (SQLException | RuntimeException e) {
                release(instance);
                throw e;
            }
        }
    }

    private synchronized void release(Instance instance) {
        instance.leases--;
        closeIdleOlder();
    }

    private void closeIdleOlder() {
        for (Iterator<Instance> it = open.values().iterator(); it.hasNext();) {
            Instance instance = it.next();
            if (instance.leases == 0 && !instance.file.equals(newest)) {
                instance.close();
                it.remove();
            }
        }
    }

    /**
     * Read-only, no file access outside the database (so no read_csv, COPY TO, ATTACH, INSTALL), then the
     * configuration locked so no statement can turn any of it back on. Set on the instance once; every
     * statement's connection inherits it.
     */
    private static DuckDBConnection openReadOnly(Path file) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("access_mode", "READ_ONLY");
        Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), properties);
        try (Statement statement = connection.createStatement()) {
            if (lockedWithoutExternalAccess(statement)) {
                // another server in this JVM opened this version first and joined us to its instance, set up as here
                return connection.unwrap(DuckDBConnection.class);
            }
            statement.execute("set autoinstall_known_extensions = false");
            statement.execute("set autoload_known_extensions = false");
            statement.execute("set global TimeZone = 'UTC'");
            statement.execute("set enable_external_access = false");
            statement.execute("set lock_configuration = true");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection.unwrap(DuckDBConnection.class);
    }

    private static boolean lockedWithoutExternalAccess(Statement statement) throws SQLException {
        try (ResultSet settings = statement.executeQuery(
                "select current_setting('lock_configuration'), current_setting('enable_external_access')")) {
            settings.next();
            boolean locked = settings.getBoolean(1);
            if (locked && settings.getBoolean(2)) {
                throw new SQLException("DuckDB instance for this version is locked with external access on; refusing to serve it");
            }
            return locked;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing an instance nobody uses any more; nothing left to do
        }
    }

    @Override
    public synchronized void close() {
        open.values().forEach(Instance::close);
        open.clear();
    }

    /**
     * DuckDB keeps one instance per path in a JVM: a nightly step of {@code serve} (or a test) opening the same
     * version file would join the server's instance, locked and without external access, and fail to configure its
     * own connection; and the server would lock an instance a step had opened first. So the server opens a hard link
     * of its own under {@code state/sql-server/} (a version's file is never written once published). Where no hard
     * link can be made, it opens the file itself.
     */
    private Path privateName(Path file, String version) {
        Path folder = layout.stateDir().resolve("sql-server");
        Path link = folder.resolve(ProcessHandle.current().pid() + "-" + version + ".duckdb");
        try {
            Files.createDirectories(folder);
            Files.deleteIfExists(link);
            Files.createLink(link, file);
            return link;
        } catch (IOException | UnsupportedOperationException e) {
            return file;
        }
    }

    private static void deleteQuietly(Path opened, Path file) {
        if (!opened.equals(file)) {
            try {
                Files.deleteIfExists(opened);
            } catch (IOException e) {
                // see Instance.close
            }
        }
    }
}
