package dev.baton.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.baton.bench.DashboardQueries.NamedQuery;

/**
 * {@code baton bench --queries}: every dashboard query with 1 and then 8 concurrent readers, each reader in its own
 * read-only connection to the published {@code warehouse.duckdb}, opened with the URL docs/bi.md gives dashboards.
 * One connection stays open throughout, as a BI server's pool keeps one: DuckDB then shares the opened database
 * (and its cache) among all connections of this process, so the figures are the warm latencies users see, not
 * the cost of opening the file.
 */
public final class QueryBench {

    public static final List<Integer> READERS = List.of(1, 8);
    /** Runs per measurement: 20 with one reader; with more, at least 5 each, so p95 rests on 20+ runs. */
    static final int RUNS = 20;

    private QueryBench() {
    }

    public static QueryReport run(Path publishedFile, List<NamedQuery> queries) throws Exception {
        String url = "jdbc:duckdb:" + publishedFile.toAbsolutePath() + ";access_mode=READ_ONLY";
        List<QueryLatency> latencies = new ArrayList<>();
        try (Connection held = DriverManager.getConnection(url)) {
            for (NamedQuery query : queries) {
                execute(held, query); // warm: the first run reads the file's blocks into DuckDB's cache
            }
            for (int readers : READERS) {
                for (NamedQuery query : queries) {
                    latencies.add(measure(url, query, readers, Math.max(5, RUNS / readers)));
                }
            }
        }
        return new QueryReport(publishedFile.toAbsolutePath().toString(), latencies);
    }

    private static QueryLatency measure(String url, NamedQuery query, int readers, int runsEach) throws Exception {
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        long[] rows = new long[1];
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Connection> connections = new ArrayList<>();
            try {
                for (int i = 0; i < readers; i++) {
                    connections.add(DriverManager.getConnection(url));
                }
                List<Future<?>> running = new ArrayList<>();
                for (Connection connection : connections) {
                    running.add(pool.submit(() -> {
                        for (int run = 0; run < runsEach; run++) {
                            long started = System.nanoTime();
                            long fetched = execute(connection, query);
                            nanos.add(System.nanoTime() - started);
                            rows[0] = fetched;
                        }
                        return null;
                    }));
                }
                for (Future<?> reader : running) {
                    reader.get();
                }
            } finally {
                for (Connection connection : connections) {
                    connection.close();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new QueryLatency(query.name(), readers, nanos.size(), rows[0], Latencies.percentileMillis(nanos, 0.50),
                Latencies.percentileMillis(nanos, 0.95), Latencies.percentileMillis(nanos, 1.0));
    }

    /** Runs the query and fetches every value, as a dashboard renders the whole result. */
    private static long execute(Connection connection, NamedQuery query) throws SQLException {
        try {
            return fetchAll(connection, query.sql());
        } catch (SQLException e) {
            throw new SQLException("dashboard query " + query.name() + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs a statement and reads every value of every row (a dashboard renders the whole result); the row count. */
    static long fetchAll(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            long count = 0;
            while (rows.next()) {
                for (int column = 1; column <= columns; column++) {
                    rows.getObject(column);
                }
                count++;
            }
            return count;
        }
    }
}
