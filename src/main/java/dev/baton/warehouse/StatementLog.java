package dev.baton.warehouse;

import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Every SQL statement the pipeline sends to the DuckDB files under one warehouse folder, in order, with its bound
 * values and the connections it ran on: what the benchmark replays straight on DuckDB to time the engine's own
 * floor for exactly the pipeline's SQL. Rows that reach DuckDB through the Appender (JDBC sources) are not seen.
 */
public final class StatementLog {

    /** One thing the pipeline did to a DuckDB file, in the order it happened. */
    public sealed interface Entry permits Opened, Executed, Transaction, Closed {
    }

    /** Connection number {@code connection} opened on this file. */
    public record Opened(int connection, Path file) implements Entry {
    }

    /**
     * A statement run, with the values bound to it by position ({@link #NULL} for a bound SQL NULL) and the seconds
     * it took in the pipeline (reading a result set's rows afterwards is not counted).
     */
    public record Executed(int connection, String sql, Map<Integer, Object> values, double seconds) implements Entry {
    }

    /** {@code setAutoCommit} (with {@code autoCommit}), {@code commit} or {@code rollback}. */
    public record Transaction(int connection, String action, boolean autoCommit) implements Entry {
    }

    /** The connection closed (DuckDB checkpoints then). */
    public record Closed(int connection) implements Entry {
    }

    /** Stands for a bound SQL NULL. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "NULL";
        }
    };

    private final Path root;
    private final Path recorded;
    private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger connections = new AtomicInteger();

    /**
     * @param root the warehouse folder, whose paths a replay maps to its own
     * @param recorded the folder whose DuckDB files are recorded: the build files, not the reporting catalog
     */
    public StatementLog(Path root, Path recorded) {
        this.root = root.toAbsolutePath().normalize();
        this.recorded = recorded.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The seconds the recorded statements took in the pipeline: its time inside DuckDB, less closing connections. */
    public double secondsInStatements() {
        return entries().stream().filter(Executed.class::isInstance).mapToDouble(entry -> ((Executed) entry).seconds()).sum();
    }

    /** One line per statement, in the order they ran: connection, seconds, the SQL. */
    public void writeCsv(Path file) throws IOException {
        try (CSVPrinter csv = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader("connection", "seconds", "sql").get())) {
            for (Entry entry : entries()) {
                if (entry instanceof Executed executed) {
                    csv.printRecord(executed.connection(), String.format(Locale.ROOT, "%.3f", executed.seconds()), executed.sql());
                }
            }
        }
    }

    boolean covers(Path file) {
        return file.toAbsolutePath().normalize().startsWith(recorded);
    }

    Connection wrap(Connection connection, Path file) {
        int number = connections.incrementAndGet();
        entries.add(new Opened(number, file.toAbsolutePath().normalize()));
        return proxy(Connection.class, connection, (target, method, args) -> {
            switch (method.getName()) {
                case "createStatement" -> {
                    return proxy(Statement.class, (Statement) invoke(target, method, args), (statement, called, values) -> {
                        if (called.getName().startsWith("execute") && values != null && values.length >= 1 && values[0] instanceof String sql) {
                            long started = System.nanoTime();
                            Object result = invoke(statement, called, values);
                            entries.add(new Executed(number, sql, Map.of(), (System.nanoTime() - started) / 1e9));
                            return result;
                        }
                        return invoke(statement, called, values);
                    });
                }
                case "prepareStatement" -> {
                    PreparedStatement prepared = (PreparedStatement) invoke(target, method, args);
                    return proxy(PreparedStatement.class, prepared, new Prepared(number, (String) args[0]));
                }
                case "setAutoCommit" -> entries.add(new Transaction(number, "setAutoCommit", (Boolean) args[0]));
                case "commit", "rollback" -> entries.add(new Transaction(number, method.getName(), false));
                case "close" -> entries.add(new Closed(number));
                default -> {
                }
            }
            return invoke(target, method, args);
        });
    }

    /** Keeps the values bound to a prepared statement until it runs (or is added to a batch). */
    private final class Prepared implements InvocationHandler {

        private final int connection;
        private final String sql;
        private final Map<Integer, Object> values = new TreeMap<>();

        Prepared(int connection, String sql) {
            this.connection = connection;
            this.sql = sql;
        }

        @Override
        public Object invoke(Object target, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("setNull")) {
                values.put((Integer) args[0], NULL);
            } else if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
                values.put(index, args[1] == null ? NULL : args[1]);
            } else if (name.equals("clearParameters")) {
                values.clear();
            } else if ((name.equals("execute") || name.equals("executeUpdate") || name.equals("executeQuery")
                    || name.equals("addBatch")) && (args == null || args.length == 0)) {
                long started = System.nanoTime();
                Object result = StatementLog.invoke(target, method, args);
                entries.add(new Executed(connection, sql, Map.copyOf(values), (System.nanoTime() - started) / 1e9));
                return result;
            }
            return StatementLog.invoke(target, method, args);
        }
    }

    /** @param handler called with the proxied object (not the proxy) as its first argument */
    private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> handler.invoke(target, method, args)));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
