package dev.baton.sqlserver;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.baton.sqlserver.PublishedSnapshots.Lease;
import dev.baton.sqlserver.SqlUsers.SqlUser;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.BasicFlightSqlProducer;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The Flight SQL side: statements (plain and prepared, which is how the JDBC driver sends every query) and the
 * metadata calls. Every call is by an authenticated user (the server's header authenticator sets the peer
 * identity); the user is looked up again here so a user removed from the file loses access at the next statement.
 * A prepared statement is only its text: it is checked when prepared and runs on the night published when it is
 * executed.
 */
final class WarehouseProducer extends BasicFlightSqlProducer {

    private final SqlUsers users;
    private final PublishedSnapshots snapshots;
    private final Statements statements;
    private final Catalog catalog;
    private final BufferAllocator allocator;
    private final Map<ByteString, String> prepared = new ConcurrentHashMap<>();
    private final SqlInfoBuilder sqlInfo = new SqlInfoBuilder()
            .withFlightSqlServerName("baton")
            .withFlightSqlServerVersion("0.1.0")
            .withFlightSqlServerArrowVersion("18.3.0")
            .withFlightSqlServerReadOnly(true)
            .withFlightSqlServerSql(true)
            .withFlightSqlServerSubstrait(false)
            .withFlightSqlServerTransaction(FlightSql.SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
            .withFlightSqlServerCancel(false)
            .withSqlIdentifierQuoteChar("\"")
            .withSqlTransactionsSupported(false);

    WarehouseProducer(SqlUsers users, PublishedSnapshots snapshots, Statements statements, BufferAllocator allocator) {
        this.users = users;
        this.snapshots = snapshots;
        this.statements = statements;
        this.catalog = new Catalog(allocator);
        this.allocator = allocator;
    }

    private SqlUser user(CallContext context) {
        return users.find(context.peerIdentity()).orElseThrow(() -> CallStatus.UNAUTHENTICATED
                .withDescription("no such user: " + context.peerIdentity()).toRuntimeException());
    }

    @Override
    public void createPreparedStatement(ActionCreatePreparedStatementRequest request, CallContext context,
            StreamListener<Result> listener) {
        try {
            SqlUser user = user(context);
            String sql = request.getQuery();
            Schema schema = statements.prepare(user, sql);
            ByteString handle = ByteString.copyFrom(UUID.randomUUID().toString(), StandardCharsets.UTF_8);
            prepared.put(handle, sql);
            ActionCreatePreparedStatementResult result = ActionCreatePreparedStatementResult.newBuilder()
                    .setPreparedStatementHandle(handle)
                    .setDatasetSchema(ByteString.copyFrom(ArrowResults.ipc(schema)))
                    .setParameterSchema(ByteString.copyFrom(ArrowResults.ipc(new Schema(List.of()))))
                    .build();
            listener.onNext(new Result(Any.pack(result).toByteArray()));
            listener.onCompleted();
        } catch (RuntimeException e) {
            listener.onError(e);
        }
    }

    @Override
    public void closePreparedStatement(ActionClosePreparedStatementRequest request, CallContext context,
            StreamListener<Result> listener) {
        prepared.remove(request.getPreparedStatementHandle());
        listener.onCompleted();
    }

    @Override
    public FlightInfo getFlightInfoPreparedStatement(CommandPreparedStatementQuery command, CallContext context,
            FlightDescriptor descriptor) {
        String sql = prepared.get(command.getPreparedStatementHandle());
        if (sql == null) {
            throw CallStatus.NOT_FOUND.withDescription("no such prepared statement").toRuntimeException();
        }
        return started(statements.execute(user(context), sql), descriptor);
    }

    @Override
    public FlightInfo getFlightInfoStatement(CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
        return started(statements.execute(user(context), command.getQuery()), descriptor);
    }

    private static FlightInfo started(Statements.Started started, FlightDescriptor descriptor) {
        TicketStatementQuery ticket = TicketStatementQuery.newBuilder()
                .setStatementHandle(ByteString.copyFrom(started.id(), StandardCharsets.UTF_8)).build();
        return new FlightInfo(started.schema(), descriptor,
                List.of(new FlightEndpoint(new Ticket(Any.pack(ticket).toByteArray()))), -1, -1);
    }

    @Override
    public void getStreamStatement(TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
        statements.stream(user(context), ticket.getStatementHandle().toString(StandardCharsets.UTF_8), listener);
    }

    @Override
    public void getStreamPreparedStatement(CommandPreparedStatementQuery command, CallContext context, ServerStreamListener listener) {
        // tickets of executed prepared statements are TicketStatementQuery (see started); this one is never issued
        listener.error(CallStatus.INVALID_ARGUMENT.withDescription("execute the prepared statement first").toRuntimeException());
    }

    @Override
    protected <T extends Message> List<FlightEndpoint> determineEndpoints(T request, FlightDescriptor descriptor, Schema schema) {
        return List.of(new FlightEndpoint(new Ticket(Any.pack(request).toByteArray())));
    }

    @Override
    public void getStreamSqlInfo(CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
        user(context);
        sqlInfo.send(command.getInfoList(), listener);
    }

    @Override
    public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
        metadata(context, listener, lease -> catalog.catalogs(lease.connection, listener));
    }

    @Override
    public void getStreamSchemas(CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
        metadata(context, listener, lease -> catalog.schemas(lease.connection, command, listener));
    }

    @Override
    public void getStreamTables(CommandGetTables command, CallContext context, ServerStreamListener listener) {
        SqlUser user = user(context);
        metadata(context, listener, lease -> catalog.tables(lease.connection, user, command, listener));
    }

    @Override
    public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
        user(context);
        catalog.tableTypes(listener);
    }

    private interface MetadataCall {
        void run(Lease lease) throws SQLException;
    }

    private void metadata(CallContext context, ServerStreamListener listener, MetadataCall call) {
        user(context);
        try (Lease lease = snapshots.lease()) {
            call.run(lease);
        } catch (SQLException | RuntimeException e) {
            listener.error(CallStatus.INTERNAL.withDescription(firstLine(e)).toRuntimeException());
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.strip().lines().findFirst().orElse(message);
    }

    @Override
    public void close() {
        statements.close();
        snapshots.close();
    }
}
