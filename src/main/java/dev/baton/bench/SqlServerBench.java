package dev.baton.bench;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.baton.bench.DashboardQueries.NamedQuery;
import dev.baton.sqlserver.SqlServer;
import dev.baton.sqlserver.SqlServerSettings;
import dev.baton.sqlserver.SqlUsers;
import dev.baton.warehouse.WarehouseLayout;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * {@code baton bench --sql-server}: one query from 20 clients in a loop through {@code baton sql-server} (Arrow
 * Flight SQL over loopback, each client its own gRPC connection and login, the whole result fetched), then the same
 * query from 20 threads through DuckDB's JDBC driver in this process on the same file, the floor: no network, no
 * Arrow, no checks. The server runs with the user's limits except the concurrency cap, raised to the client count
 * so the figure is the server's cost rather than its queue.
 */
public final class SqlServerBench {

    public static final int CLIENTS = 20;
    static final String USER = "baton-bench";

    private SqlServerBench() {
    }

    public static SqlServerBenchReport run(WarehouseLayout layout, NamedQuery query, Duration each) throws Exception {
        SqlUsers users = new SqlUsers(layout.stateDir());
        if (users.find(USER).isPresent()) {
            throw new IllegalStateException("a sql-server user named " + USER + " exists in " + users.file()
                    + "; the bench adds and removes its own user of that name");
        }
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        // a dashboard user's default tables, so the server's per-user table check is part of the cost
        users.add(USER, password, SqlUsers.DEFAULT_TABLES);
        ClientsLine served;
        try {
            SqlServerSettings settings = SqlServerSettings.defaults("127.0.0.1", 0);
            settings = settings.withLimits(settings.statementTimeout(), settings.rowLimit(), CLIENTS);
            BufferAllocator allocator = new RootAllocator();
            try (SqlServer server = SqlServer.start(layout, settings, System.err)) {
                Location location = Location.forGrpcInsecure("127.0.0.1", server.port());
                served = loop("Flight SQL (baton sql-server)", each, () -> new FlightSqlReader(allocator, location, password, query.sql()));
            } finally {
                closeQuietly(allocator);
            }
        } finally {
            users.remove(USER);
        }
        String url = "jdbc:duckdb:" + layout.publishedFile().toAbsolutePath() + ";access_mode=READ_ONLY";
        ClientsLine floor;
        try (Connection held = DriverManager.getConnection(url)) {
            floor = loop("DuckDB JDBC in-process (floor)", each, () -> new JdbcReader(DriverManager.getConnection(url), query.sql()));
        }
        return new SqlServerBenchReport(query.name(), CLIENTS, each.toSeconds(), served, floor);
    }

    /** One client: asks the query and fetches every row; closed at the end of the loop. */
    private interface Reader extends AutoCloseable {
        long ask() throws Exception;
    }

    private static ClientsLine loop(String label, Duration each, Callable<Reader> clients) throws Exception {
        List<Reader> readers = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                readers.add(clients.call());
            }
            try {
                readers.get(0).ask(); // warm, untimed
            } catch (Exception e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new IllegalStateException(label + ": the first query failed: " + e.getMessage() + " (" + cause + ")", e);
            }
            long end = System.nanoTime() + each.toNanos();
            List<Future<?>> running = new ArrayList<>();
            for (Reader reader : readers) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long started = System.nanoTime();
                        try {
                            reader.ask();
                            nanos.add(System.nanoTime() - started);
                        } catch (Exception e) {
                            if (errors.incrementAndGet() == 1) {
                                System.err.println(label + ": " + e);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
            for (Reader reader : readers) {
                reader.close();
            }
        }
        return new ClientsLine(label, nanos.size(), nanos.size() / (double) each.toSeconds(),
                Latencies.percentileMillis(nanos, 0.50), Latencies.percentileMillis(nanos, 0.95), errors.get());
    }

    private static final class FlightSqlReader implements Reader {
        private final FlightClient flight;
        private final FlightSqlClient sql;
        private final CallOption token;
        private final String query;

        FlightSqlReader(BufferAllocator allocator, Location location, String password, String query) {
            this.flight = FlightClient.builder(allocator, location).build();
            this.token = flight.authenticateBasicToken(USER, password)
                    .orElseThrow(() -> new IllegalStateException("the server gave no bearer token"));
            this.sql = new FlightSqlClient(flight);
            this.query = query;
        }

        @Override
        public long ask() throws Exception {
            FlightInfo info = sql.execute(query, token);
            long rows = 0;
            for (FlightEndpoint endpoint : info.getEndpoints()) {
                try (FlightStream stream = sql.getStream(endpoint.getTicket(), token)) {
                    while (stream.next()) {
                        rows += stream.getRoot().getRowCount();
                    }
                }
            }
            return rows;
        }

        @Override
        public void close() {
            closeQuietly(sql);
        }
    }

    /**
     * Arrow's client allocator reports a few KiB of gRPC buffers as leaked when its clients close right after a
     * loop; the process ends soon after, so the bench notes it rather than failing a measurement already taken.
     */
    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("sql-server bench: closing the Flight SQL client: " + e.getMessage().strip());
        }
    }

    private record JdbcReader(Connection connection, String query) implements Reader {
        @Override
        public long ask() throws Exception {
            return QueryBench.fetchAll(connection, query);
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}
