package dev.baton.sqlserver;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;

import dev.baton.warehouse.WarehouseLayout;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BasicCallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;
import org.apache.arrow.flight.auth2.GeneratedBearerTokenAuthenticator;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * {@code baton sql-server}: an Apache Arrow Flight SQL endpoint over the latest published night, for BI tools on
 * other machines with the Arrow Flight SQL JDBC driver. Users log in with a name and password from
 * {@link SqlUsers} (HTTP basic on the handshake, then a bearer token the server generated); every statement is
 * checked, limited and written to {@code <warehouse>/state/sql-audit.log}.
 */
public final class SqlServer implements AutoCloseable {

    static {
        // Arrow Flight 18.3 reads a received message zero-copy through a gRPC internal, ReadableBuffer.readBytes(
        // ByteBuffer), that the gRPC on Baton's class path (1.84) no longer has: any Flight client in this process
        // (the bench's, a test's) failed every result with "Failed to read message" (NoSuchMethodError). Its copying
        // read works; it must be chosen before Arrow's ArrowMessage class loads, which the server's start does.
        if (System.getProperty("arrow.flight.enable_zero_copy_read") == null) {
            System.setProperty("arrow.flight.enable_zero_copy_read", "false");
        }
    }

    private final BufferAllocator allocator;
    private final WarehouseProducer producer;
    private final FlightServer server;

    private SqlServer(BufferAllocator allocator, WarehouseProducer producer, FlightServer server) {
        this.allocator = allocator;
        this.producer = producer;
        this.server = server;
    }

    /** Starts listening; warnings (plain text on a network address, no users yet) go to {@code warnings}. */
    public static SqlServer start(WarehouseLayout layout, SqlServerSettings settings, PrintStream warnings) throws IOException {
        SqlUsers users = new SqlUsers(layout.stateDir());
        if (users.list().isEmpty()) {
            warnings.println("baton sql-server: WARNING no users in " + users.file() + ": nobody can log in; add one with `baton sql-user add NAME`");
        }
        if (!settings.tls() && !isLoopback(settings.host())) {
            warnings.println("baton sql-server: WARNING listening on " + settings.host() + " WITHOUT TLS: passwords and results cross the"
                    + " network in clear text; give --tls-cert and --tls-key, or bind 127.0.0.1");
        }
        BufferAllocator allocator = new RootAllocator();
        PublishedSnapshots snapshots = new PublishedSnapshots(layout);
        AuditLog audit = new AuditLog(layout.stateDir());
        Statements statements = new Statements(snapshots, settings, audit, allocator);
        WarehouseProducer producer = new WarehouseProducer(users, snapshots, statements, allocator);
        Location location = settings.tls() ? Location.forGrpcTls(settings.host(), settings.port())
                : Location.forGrpcInsecure(settings.host(), settings.port());
        CallHeaderAuthenticator passwords = new BasicCallHeaderAuthenticator((name, password) -> {
            if (users.authenticate(name, password).isEmpty()) {
                audit.record(name, "", 0, 0, AuditLog.Outcome.REFUSED, "login refused: unknown user or wrong password");
                throw CallStatus.UNAUTHENTICATED.withDescription("unknown user or wrong password").toRuntimeException();
            }
            return () -> name;
        });
        FlightServer.Builder builder = FlightServer.builder(allocator, location, producer)
                .headerAuthenticator(new GeneratedBearerTokenAuthenticator(passwords));
        if (settings.tls()) {
            builder.useTls(settings.tlsCertificate().toFile(), settings.tlsKey().toFile());
        }
        FlightServer server = builder.build();
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            producer.close();
            allocator.close();
            throw e;
        }
        return new SqlServer(allocator, producer, server);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public int port() {
        return server.getPort();
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown();
        server.awaitTermination(5, TimeUnit.SECONDS);
        producer.close();
        allocator.close();
    }
}
