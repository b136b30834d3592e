package dev.baton.extract;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The load ledger ({@code load_ledger}): which delivery of which entity was loaded on which run date, with its
 * checksum, rows read and raw archive, so the same bytes are not loaded twice and a rerun replaces its own rows.
 */
final class LoadLedger {

    /** An earlier load of the same bytes that had no bad row: its rows read, its archive and its column lists. */
    record EarlierLoad(long rowsRead, String archive, ColumnCheck columns) {
    }

    private final Connection connection;
    private final LocalDate runDate;

    LoadLedger(Connection connection, LocalDate runDate) {
        this.connection = connection;
        this.runDate = runDate;
    }

    /** @return null when these bytes were never loaded, or were loaded with a bad row */
    EarlierLoad earlierLoad(String entity, String sourceFile, String checksum) throws SQLException {
        // the same bytes have the same columns: the earlier night's lists hold (its warning, if any, was given then)
        try (PreparedStatement query = connection.prepareStatement("""
                select ledger.rows_read, ledger.archive_path, reconciliation.unknown_columns, reconciliation.missing_columns
                from load_ledger ledger inner join load_reconciliation reconciliation
                  on reconciliation.run_date = ledger.run_date and reconciliation.entity = ledger.entity
                    and reconciliation.source_file = ledger.source_file and reconciliation.rows_quarantined = 0
                    and reconciliation.rows_read = ledger.rows_read
                where ledger.entity = ? and ledger.source_file = ? and ledger.checksum = ?
                order by ledger.run_date desc limit 1""")) {
            query.setString(1, entity);
            query.setString(2, sourceFile);
            query.setString(3, checksum);
            try (var rows = query.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                return new EarlierLoad(rows.getLong(1), rows.getString(2),
                        new ColumnCheck(ColumnCheck.parse(rows.getString(3)), ColumnCheck.parse(rows.getString(4)), List.of()));
            }
        }
    }

    /** The reconciliation row of a delivery recorded as read and unchanged without being read again. */
    void reconcileUnchanged(String entity, String sourceFile, long rowsRead, ColumnCheck columns) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into load_reconciliation"
                + " (run_date, entity, source_file, rows_read, rows_loaded, rows_quarantined, rows_updated, rows_unchanged,"
                + " unknown_columns, missing_columns) values (?, ?, ?, ?, 0, 0, 0, ?, ?, ?)")) {
            insert.setObject(1, runDate);
            insert.setString(2, entity);
            insert.setString(3, sourceFile);
            insert.setLong(4, rowsRead);
            insert.setLong(5, rowsRead);
            insert.setString(6, ColumnCheck.stored(columns.unknown()));
            insert.setString(7, ColumnCheck.stored(columns.missing()));
            insert.executeUpdate();
        }
    }

    /**
     * A rerun of a date starts from the published warehouse, which holds what an earlier attempt of the same date
     * wrote for this delivery: its quarantine rows would exclude lines of the new delivery by number, and its
     * reconciliation and ledger rows would count the date twice. The new attempt replaces them.
     */
    void forgetEarlierAttempt(String entity, String sourceFile) throws SQLException {
        for (String table : List.of("quarantine", "load_reconciliation", "load_ledger")) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from " + table + " where run_date = ? and entity = ? and source_file = ?")) {
                delete.setObject(1, runDate);
                delete.setString(2, entity);
                delete.setString(3, sourceFile);
                delete.executeUpdate();
            }
        }
    }

    void record(String entity, String sourceFile, String checksum, long rowsRead, Path archive) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into load_ledger values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, runDate);
            insert.setString(2, entity);
            insert.setString(3, sourceFile);
            insert.setString(4, checksum);
            insert.setLong(5, rowsRead);
            insert.setString(6, archive == null ? null : archive.toString());
            insert.setObject(7, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }
}
