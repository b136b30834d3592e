package dev.baton.extract;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * Opening a JDBC source's connection, retried with exponential back-off (Spring Framework's core retry) when the
 * failure is a connection problem (SQLState class 08, or a transient exception): a replica restarting at 02:30
 * should cost a night a few seconds, not the night. Wrong credentials or a bad URL fail at once.
 */
final class JdbcConnectRetry {

    /** 1 s, 2 s, 4 s, 8 s, 16 s (capped at 30 s): about half a minute before the night fails. */
    static final RetryPolicy POLICY = RetryPolicy.builder()
            .maxRetries(5)
            .delay(Duration.ofSeconds(1))
            .multiplier(2)
            .maxDelay(Duration.ofSeconds(30))
            .predicate(JdbcConnectRetry::isConnectionProblem)
            .build();

    private static final Logger log = LoggerFactory.getLogger(JdbcConnectRetry.class);

    /** Opens a connection; each attempt is one call of {@code connect}. */
    interface Connect {
        Connection open() throws SQLException;
    }

    private JdbcConnectRetry() {
    }

    static Connection connect(String sourceName, Connect connect) throws SQLException {
        RetryTemplate template = new RetryTemplate(POLICY);
        template.setRetryListener(new RetryListener() {
            @Override
            public void onRetryFailure(RetryPolicy policy, Retryable<?> retryable, Throwable failure) {
                log.warn("JDBC source {}: cannot connect ({}); trying again", sourceName, failure.getMessage());
            }
        });
        Retryable<Connection> attempt = new Retryable<>() {
            @Override
            public Connection execute() throws SQLException {
                return connect.open();
            }

            @Override
            public String getName() {
                return "connect to JDBC source " + sourceName;
            }
        };
        try {
            return template.execute(attempt);
        } catch (RetryException e) {
            if (e.getLastException() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getLastException() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SQLException("JDBC source " + sourceName + ": " + e.getMessage(), e);
        }
    }

    static boolean isConnectionProblem(Throwable failure) {
        return failure instanceof SQLTransientException
                || failure instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }
}
