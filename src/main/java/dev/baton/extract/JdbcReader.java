package dev.baton.extract;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.function.Function;

import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.Redaction;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Reads one entity of a JDBC source through plain Java JDBC and appends the rows, as text, into the DuckDB temp table
 * {@code incoming} with the DuckDB Appender (never row-by-row INSERTs). Only rows whose watermark column is at or after
 * the stored watermark, less the table's look-back, are read; the new watermark is the highest value read. Reading the
 * boundary again costs a few rows, which the loader counts as unchanged; skipping it would lose rows committed late
 * with the same change time.
 */
final class JdbcReader {

    /** What was read: how many rows, and the watermark to store (unchanged when nothing was read). */
    record Read(long rows, String watermark) {
    }

    private final JdbcSource source;
    private final Function<String, String> environment;

    JdbcReader(JdbcSource source, Function<String, String> environment) {
        this.source = source;
        this.environment = environment;
    }

    Connection connect() throws SQLException {
        String url = variable(source.urlVariable(), true);
        Properties properties = new Properties();
        if (source.userVariable() != null) {
            properties.setProperty("user", variable(source.userVariable(), true));
        }
        if (source.passwordVariable() != null) {
            properties.setProperty("password", variable(source.passwordVariable(), true));
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            // why: the driver's message may repeat the URL, password and all, and the run history stores it; the
            // original is not kept as the cause, whose message would be stored too
            SQLException redacted = new SQLException("JDBC source " + source.name() + " (" + source.urlVariable() + "): "
                    + Redaction.redact(e.getMessage()), e.getSQLState(), e.getErrorCode());
            redacted.setStackTrace(e.getStackTrace());
            throw redacted;
        }
        connection.setReadOnly(true);
        return connection;
    }

    private String variable(String name, boolean required) {
        String value = environment.apply(name);
        if (required && (value == null || value.isBlank())) {
            throw new IllegalStateException("JDBC source " + source.name() + ": environment variable " + name
                    + " is not set (URLs and credentials come only from the environment)");
        }
        return value;
    }

    Read read(Connection jdbc, DuckDBConnection duckDb, JdbcSource.Table table, String watermark) throws SQLException {
        String column = table.watermarkColumn();
        String sql = "select * from (" + table.select() + ") as baton_source"
                + (watermark == null ? "" : " where " + column + " >= ?") + " order by " + column;
        try (PreparedStatement query = jdbc.prepareStatement(sql)) {
            query.setFetchSize(10_000);
            if (watermark != null) {
                query.setObject(1, lookedBack(typed(watermark), table.lookBackDuration()));
            }
            try (ResultSet rows = query.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                List<String> names = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    names.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
                }
                int watermarkIndex = names.indexOf(column) + 1;
                if (watermarkIndex == 0) {
                    throw new IllegalStateException("JDBC source " + source.name() + ": the query returns no column " + column);
                }
                createIncoming(duckDb, names);
                long count = 0;
                String highest = watermark;
                try (DuckDBAppender appender = duckDb.createAppender("temp", "main", "incoming")) {
                    while (rows.next()) {
                        appender.beginRow();
                        for (int i = 1; i <= names.size(); i++) {
                            appender.append(text(rows, meta, i));
                        }
                        appender.append(++count);
                        appender.endRow();
                        String value = text(rows, meta, watermarkIndex);
                        if (value != null) {
                            highest = value;
                        }
                    }
                }
                return new Read(count, highest);
            }
        }
    }

    private static void createIncoming(DuckDBConnection duckDb, List<String> names) throws SQLException {
        StringJoiner columns = new StringJoiner(", ");
        names.forEach(name -> columns.add(DuckDbFiles.quoteIdentifier(name) + " varchar"));
        try (Statement statement = duckDb.createStatement()) {
            statement.execute("drop table if exists incoming");
            statement.execute("drop table if exists incoming_rejects");
            statement.execute("create temp table incoming (" + columns + ", _line_number bigint)");
            statement.execute("create temp table incoming_rejects (line_number bigint, column_name varchar, raw_line varchar, reason varchar,"
                    + " line_count integer)");
        }
    }

    /** Values as ISO text, so the contract's TRY_CAST types them exactly as it types a file's. */
    private static String text(ResultSet rows, ResultSetMetaData meta, int i) throws SQLException {
        String type = meta.getColumnTypeName(i).toLowerCase(Locale.ROOT);
        if (type.equals("timestamptz") || type.contains("with time zone")) {
            OffsetDateTime value = rows.getObject(i, OffsetDateTime.class);
            return value == null ? null : value.toString();
        }
        if (type.equals("timestamp")) {
            LocalDateTime value = rows.getObject(i, LocalDateTime.class);
            return value == null ? null : value.toString();
        }
        if (type.equals("date")) {
            LocalDate value = rows.getObject(i, LocalDate.class);
            return value == null ? null : value.toString();
        }
        Object value = rows.getObject(i);
        if (value instanceof Boolean bool) {
            return bool.toString();
        }
        return value == null ? null : rows.getString(i);
    }

    /** Rows committed late with a change time a little before the watermark are read again (then counted unchanged). */
    private static Object lookedBack(Object watermark, Duration lookBack) {
        if (watermark instanceof OffsetDateTime instant) {
            return instant.minus(lookBack);
        }
        if (watermark instanceof LocalDateTime timestamp) {
            return timestamp.minus(lookBack);
        }
        return watermark;
    }

    /** A stored watermark bound with its own type: an instant as OffsetDateTime (never java.sql.Timestamp). */
    private static Object typed(String watermark) {
        try {
            return OffsetDateTime.parse(watermark);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(watermark);
            } catch (DateTimeParseException notATimestamp) {
                return watermark;
            }
        }
    }
}
