package dev.baton.sqlserver;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.baton.sqlserver.AuditLog.Outcome;
import dev.baton.sqlserver.PublishedSnapshots.Lease;
import dev.baton.sqlserver.SqlUsers.SqlUser;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A statement's life: checked, given a slot and the night published now, executed (Flight SQL's GetFlightInfo),
 * then streamed (DoGet) and audited. Between the two calls the result waits here under an id; one never fetched
 * is closed when its timeout passes, so a client that goes away holds no slot and no night.
 */
final class Statements implements AutoCloseable {

    /** Executed and waiting to be fetched. */
    private record Running(SqlUser user, String sql, long startedNanos, Lease lease, Statement statement,
            ResultSet rows, ScheduledFuture<?> timeout) {
    }

    /** What GetFlightInfo answers with. */
    record Started(String id, Schema schema) {
    }

    private final PublishedSnapshots snapshots;
    private final SqlServerSettings settings;
    private final AuditLog audit;
    private final BufferAllocator allocator;
    private final Semaphore slots;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sql-server-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    Statements(PublishedSnapshots snapshots, SqlServerSettings settings, AuditLog audit, BufferAllocator allocator) {
        this.snapshots = snapshots;
        this.settings = settings;
        this.audit = audit;
        this.allocator = allocator;
        this.slots = new Semaphore(settings.maxConcurrentStatements(), true);
    }

    /** Refuses (audited) what the user may not run; null when it may. Called at prepare and again at execution. */
    void check(SqlUser user, String sql) {
        String refusal = StatementPolicy.refusal(sql);
        if (refusal == null && !user.readsEverything()) {
            try (Lease lease = snapshots.lease()) {
                refusal = TableAccess.refusal(user, sql, lease.connection);
            } catch (SQLException e) {
                throw fail(user, sql, System.nanoTime(), e);
            }
        }
        if (refusal != null) {
            audit.record(user.name(), sql, 0, 0, Outcome.REFUSED, refusal);
            throw CallStatus.INVALID_ARGUMENT.withDescription("refused: " + refusal).toRuntimeException();
        }
    }

    /** Checks a statement and returns the schema its result will have, as DuckDB prepares it on the current night. */
    Schema prepare(SqlUser user, String sql) {
        check(user, sql);
        long started = System.nanoTime();
        try (Lease lease = snapshots.lease(); PreparedStatement statement = lease.connection.prepareStatement(sql)) {
            ResultSetMetaData metaData = statement.getMetaData();
            return metaData == null ? new Schema(List.of()) : ArrowResults.schema(metaData, allocator);
        } catch (SQLException | RuntimeException e) {
            throw fail(user, sql, started, e);
        }
    }

    Started execute(SqlUser user, String sql) {
        check(user, sql);
        long started = System.nanoTime();
        try {
            if (!slots.tryAcquire(settings.statementTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                String reason = "all " + settings.maxConcurrentStatements() + " statement slots stayed busy for the statement timeout";
                audit.record(user.name(), sql, 0, millisSince(started), Outcome.REFUSED, reason);
                throw CallStatus.RESOURCE_EXHAUSTED.withDescription("refused: " + reason).toRuntimeException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CallStatus.CANCELLED.toRuntimeException();
        }
        Lease lease = null;
        Statement statement = null;
        ScheduledFuture<?> timeout = null;
        try {
            lease = snapshots.lease();
            statement = lease.connection.createStatement();
            Statement cancellable = statement;
            timeout = timer.schedule(() -> cancel(cancellable), settings.statementTimeout().toMillis(), TimeUnit.MILLISECONDS);
            ResultSet rows = statement.executeQuery(sql);
            Schema schema = ArrowResults.schema(rows.getMetaData(), allocator);
            String id = UUID.randomUUID().toString();
            running.put(id, new Running(user, sql, started, lease, statement, rows, timeout));
            // never fetched: closed once the statement's time is up
            timer.schedule(() -> abandon(id), settings.statementTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            return new Started(id, schema);
        } catch (SQLException | RuntimeException e) {
            if (timeout != null) {
                timeout.cancel(false);
            }
            closeQuietly(statement);
            if (lease != null) {
                lease.close();
            }
            slots.release();
            throw fail(user, sql, started, e);
        }
    }

    void stream(SqlUser caller, String id, ServerStreamListener listener) {
        // only the user who ran it may fetch it (ids are random, this makes it certain)
        Running waiting = running.get(id);
        Running run = waiting != null && waiting.user().name().equals(caller.name()) && running.remove(id, waiting) ? waiting : null;
        if (run == null) {
            throw CallStatus.NOT_FOUND.withDescription("no such statement, or its timeout passed before it was fetched").toRuntimeException();
        }
        long deadline = run.startedNanos() + settings.statementTimeout().toNanos();
        long rows = 0;
        try {
            rows = ArrowResults.stream(run.rows(), allocator, listener, settings.rowLimit(), () -> System.nanoTime() > deadline);
            audit.record(run.user().name(), run.sql(), rows, millisSince(run.startedNanos()), Outcome.OK, null);
        } catch (ArrowResults.RowLimitExceeded e) {
            audit.record(run.user().name(), run.sql(), rows, millisSince(run.startedNanos()), Outcome.REFUSED, e.getMessage());
            listener.error(CallStatus.RESOURCE_EXHAUSTED.withDescription("refused: " + e.getMessage()).toRuntimeException());
        } catch (Exception e) {
            listener.error(fail(run.user(), run.sql(), run.startedNanos(), e));
        } finally {
            finish(run);
        }
    }

    private void abandon(String id) {
        Running run = running.remove(id);
        if (run != null) {
            audit.record(run.user().name(), run.sql(), 0, millisSince(run.startedNanos()), Outcome.FAILED, "never fetched");
            finish(run);
        }
    }

    private void finish(Running run) {
        run.timeout().cancel(false);
        closeQuietly(run.statement());
        run.lease().close();
        slots.release();
    }

    private RuntimeException fail(SqlUser user, String sql, long started, Exception e) {
        boolean timedOut = System.nanoTime() - started >= settings.statementTimeout().toNanos();
        String message = timedOut ? "statement timeout of " + settings.statementTimeout().toSeconds() + " s reached"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().lines().findFirst().orElse("");
        // DuckDB's own gate (no file access, locked configuration) refuses too: audited as such, not as a failure
        boolean refused = message.startsWith("Permission Error") || message.contains("configuration has been locked");
        audit.record(user.name(), sql, 0, millisSince(started), refused ? Outcome.REFUSED : Outcome.FAILED, message);
        if (e instanceof FlightRuntimeException flight) {
            return flight;
        }
        return (timedOut ? CallStatus.TIMED_OUT : CallStatus.INVALID_ARGUMENT)
                .withDescription(refused ? "refused: " + message : message).toRuntimeException();
    }

    private static void cancel(Statement statement) {
        try {
            statement.cancel();
        } catch (SQLException e) {
            // finished or closed meanwhile
        }
    }

    private static void closeQuietly(Statement statement) {
        if (statement != null) {
            try {
                statement.close();
            } catch (SQLException e) {
                // the lease's close ends the connection anyway
            }
        }
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        running.keySet().forEach(this::abandon);
    }
}
