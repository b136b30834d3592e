package dev.baton.warehouse;

import java.sql.Connection;
import java.sql.SQLException;

/** One JDBC transaction around some work, as every feature that writes several statements atomically needs it. */
public final class Transactions {

    private Transactions() {
    }

    /** Work on the connection that may fail with a database error. */
    @FunctionalInterface
    public interface Work {
        void run() throws SQLException;
    }

    /**
     * Runs {@code work} as one transaction: committed, or rolled back and the error rethrown.
     *
     * @param autoCommitAfter the connection's auto-commit once done (its state before, or what the caller goes on with)
     */
    public static void inOne(Connection connection, boolean autoCommitAfter, Work work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommitAfter);
        }
    }
}
