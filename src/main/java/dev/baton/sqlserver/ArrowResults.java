package dev.baton.sqlserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.function.BooleanSupplier;

import org.apache.arrow.adapter.jdbc.ArrowVectorIterator;
import org.apache.arrow.adapter.jdbc.JdbcFieldInfo;
import org.apache.arrow.adapter.jdbc.JdbcToArrow;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfig;
import org.apache.arrow.adapter.jdbc.JdbcToArrowConfigBuilder;
import org.apache.arrow.adapter.jdbc.JdbcToArrowUtils;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * DuckDB results as Arrow batches, through the Arrow project's JDBC adapter. DuckDB types the adapter has no
 * Arrow type for (HUGEINT, lists, structs, maps, time zones) travel as their text, which is what DuckDB's own
 * JDBC {@code getString} prints.
 */
final class ArrowResults {

    private static final int BATCH = 4096;

    private ArrowResults() {
    }

    static JdbcToArrowConfig config(BufferAllocator allocator) {
        return new JdbcToArrowConfigBuilder(allocator, JdbcToArrowUtils.getUtcCalendar())
                .setTargetBatchSize(BATCH)
                .setReuseVectorSchemaRoot(false)
                .setJdbcToArrowTypeConverter(ArrowResults::arrowType)
                .build();
    }

    private static ArrowType arrowType(JdbcFieldInfo field) {
        switch (field.getJdbcType()) {
            case Types.OTHER, Types.JAVA_OBJECT, Types.ARRAY, Types.STRUCT, Types.TIMESTAMP_WITH_TIMEZONE,
                    Types.TIME_WITH_TIMEZONE, Types.BLOB, Types.CLOB -> {
                return ArrowType.Utf8.INSTANCE;
            }
            default -> {
                try {
                    return JdbcToArrowUtils.getArrowTypeFromJdbcType(field, JdbcToArrowUtils.getUtcCalendar());
                } catch (UnsupportedOperationException e) {
                    return ArrowType.Utf8.INSTANCE;
                }
            }
        }
    }

    static Schema schema(ResultSetMetaData metaData, BufferAllocator allocator) throws SQLException {
        return JdbcToArrowUtils.jdbcToArrowSchema(metaData, config(allocator));
    }

    /** A schema as an IPC stream message (length-prefixed), the form Flight SQL clients read back. */
    static byte[] ipc(Schema schema) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            MessageSerializer.serialize(
                    new WriteChannel(Channels.newChannel(out)), schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A result went over the row limit; the client gets an error, never a silently shortened result. */
    static final class RowLimitExceeded extends RuntimeException {
        RowLimitExceeded(long limit) {
            super("the result has more than " + limit + " rows, the server's row limit: add a LIMIT or aggregate");
        }
    }

    /** Sends all rows; returns how many. Stops with an error past {@code rowLimit} or when {@code expired} says so. */
    static long stream(ResultSet rows, BufferAllocator allocator, ServerStreamListener listener, long rowLimit,
            BooleanSupplier expired) throws SQLException, IOException {
        JdbcToArrowConfig config = config(allocator);
        Schema schema = JdbcToArrowUtils.jdbcToArrowSchema(rows.getMetaData(), config);
        long sent = 0;
        try (VectorSchemaRoot out = VectorSchemaRoot.create(schema, allocator);
                ArrowVectorIterator batches = JdbcToArrow.sqlToArrowVectorIterator(rows, config)) {
            VectorLoader loader = new VectorLoader(out);
            listener.start(out);
            while (batches.hasNext()) {
                try (VectorSchemaRoot batch = batches.next()) {
                    if (batch.getRowCount() == 0) {
                        break;
                    }
                    if (sent + batch.getRowCount() > rowLimit) {
                        throw new RowLimitExceeded(rowLimit);
                    }
                    if (expired.getAsBoolean()) {
                        throw CallStatus.TIMED_OUT.withDescription("statement timeout reached while sending the result").toRuntimeException();
                    }
                    try (ArrowRecordBatch record = new VectorUnloader(batch).getRecordBatch()) {
                        loader.load(record);
                    }
                    sent += batch.getRowCount();
                    listener.putNext();
                }
            }
            listener.completed();
        }
        return sent;
    }
}
