package dev.baton.sqlserver;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A BI client in its own JVM, with nothing on its class path but this class and the official Arrow Flight SQL
 * JDBC driver. Reads commands from standard input, one a line, fields separated by tabs, and answers each with
 * one line on standard output:
 * <ul>
 * <li>{@code connect URL USER PASSWORD} (USER {@code -}: no credentials) - {@code connected} or {@code error ...}</li>
 * <li>{@code query SQL} - {@code ok rows=N first=v1|v2...} or {@code error MESSAGE}</li>
 * <li>{@code tables} - {@code tables name:type,...} from DatabaseMetaData.getTables</li>
 * <li>{@code columns TABLE} - {@code columns name:type:remarks,...} from DatabaseMetaData.getColumns</li>
 * <li>{@code bench URL USER PASSWORD CLIENTS SECONDS SQL} - {@code bench queries=N qps= p50_ms= p95_ms= errors=}</li>
 * <li>{@code loop URL USER PASSWORD CLIENTS STOPFILE SQL PAUSE_MS} - CLIENTS connections run SQL until STOPFILE exists;
 * prints {@code looping}, then {@code loop queries=N errors=N results=r1;r2...} (each distinct first row)</li>
 * </ul>
 */
public final class FlightSqlJdbcProbe {

    private static Connection connection;

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.split("\t");
            try {
                System.out.println(answer(words));
            } catch (Exception e) {
                e.printStackTrace();
                System.out.println("error " + message(e));
            }
            System.out.flush();
        }
        if (connection != null) {
            connection.close();
        }
    }

    private static String answer(String[] words) throws Exception {
        switch (words[0]) {
            case "connect" -> {
                if (connection != null) {
                    connection.close();
                    connection = null;
                }
                connection = connect(words[1], words[2], words[3]);
                return "connected";
            }
            case "query" -> {
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(words[1])) {
                    long count = 0;
                    String first = null;
                    while (rows.next()) {
                        if (count++ == 0) {
                            first = row(rows);
                        }
                    }
                    return "ok rows=" + count + " first=" + first;
                }
            }
            case "tables" -> {
                List<String> tables = new ArrayList<>();
                try (ResultSet rows = connection.getMetaData().getTables(null, null, "%", null)) {
                    while (rows.next()) {
                        tables.add(rows.getString("TABLE_NAME") + ":" + rows.getString("TABLE_TYPE"));
                    }
                }
                return "tables " + String.join(",", tables);
            }
            case "columns" -> {
                List<String> columns = new ArrayList<>();
                DatabaseMetaData metaData = connection.getMetaData();
                try (ResultSet rows = metaData.getColumns(null, null, words[1], "%")) {
                    while (rows.next()) {
                        columns.add(rows.getString("COLUMN_NAME") + ":" + rows.getString("TYPE_NAME") + ":" + rows.getString("REMARKS"));
                    }
                }
                return "columns " + String.join(",", columns);
            }
            case "loop" -> {
                return loop(words[1], words[2], words[3], Integer.parseInt(words[4]), Path.of(words[5]), words[6], Long.parseLong(words[7]));
            }
            case "bench" -> {
                return bench(words[1], words[2], words[3], Integer.parseInt(words[4]), Long.parseLong(words[5]), words[6]);
            }
            default -> throw new IllegalArgumentException("unknown command " + words[0]);
        }
    }

    private static Connection connect(String url, String user, String password) throws Exception {
        Properties properties = new Properties();
        if (!user.equals("-")) {
            properties.setProperty("user", user);
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    private static String loop(String url, String user, String password, int clients, Path stop, String sql, long pauseMillis)
            throws Exception {
        AtomicLong queries = new AtomicLong();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        Set<String> results = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                try (Connection client = connect(url, user, password)) {
                    connected.countDown();
                    while (!Files.exists(stop)) {
                        try (Statement statement = client.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                            while (rows.next()) {
                                results.add(row(rows));
                            }
                        } catch (Exception e) {
                            errors.add(message(e));
                        }
                        queries.incrementAndGet();
                        Thread.sleep(pauseMillis); // a busy dashboard, not a benchmark: leave the nightly run its share
                    }
                } catch (Exception e) {
                    connected.countDown();
                    errors.add(message(e));
                }
            });
            thread.start();
            threads.add(thread);
        }
        connected.await();
        System.out.println("looping");
        System.out.flush();
        for (Thread thread : threads) {
            thread.join();
        }
        return "loop queries=" + queries.get() + " errors=" + errors.size() + " results=" + String.join(";", new TreeSet<>(results))
                + (errors.isEmpty() ? "" : " first_error=" + errors.get(0));
    }

    /** CLIENTS connections run SQL back to back for SECONDS; queries/s, latency percentiles and errors. */
    private static String bench(String url, String user, String password, int clients, long seconds, String sql) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Connection client = connect(url, user, password);
            // warm-up outside the timed window: the driver's first query loads and compiles most of its classes
            try (Statement statement = client.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                while (rows.next()) {
                    rows.getObject(1);
                }
            }
            connections.add(client);
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (Connection client : connections) {
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    try (Statement statement = client.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                        while (rows.next()) {
                            rows.getObject(1);
                        }
                        latencies.add(System.nanoTime() - started);
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (Connection client : connections) {
            client.close();
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "bench queries=%d qps=%.1f p50_ms=%.1f p95_ms=%.1f errors=%d", sorted.size(),
                sorted.size() / (double) seconds, percentile(sorted, 0.50), percentile(sorted, 0.95), errors.get());
    }

    static double percentile(List<Long> sortedNanos, double share) {
        if (sortedNanos.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(share * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(index, 0)) / 1e6;
    }

    private static String row(ResultSet rows) throws Exception {
        ResultSetMetaData metaData = rows.getMetaData();
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= metaData.getColumnCount(); i++) {
            values.add(String.valueOf(rows.getObject(i)));
        }
        return String.join("|", values);
    }

    private static String message(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e; cause != null && text.length() < 600; cause = cause.getCause()) {
            text.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
            try {
                // the driver's (shaded) FlightRuntimeException carries the gRPC status code apart from its message
                Object status = cause.getClass().getMethod("status").invoke(cause);
                text.append(" [").append(status.getClass().getMethod("code").invoke(status)).append("]");
            } catch (ReflectiveOperationException notFlight) {
                // not a Flight exception
            }
            text.append(" / ");
        }
        return text.toString().replaceAll("\\s+", " ");
    }
}
