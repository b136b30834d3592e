package dev.baton.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import dev.baton.sqlserver.SqlServer;
import dev.baton.sqlserver.SqlServerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sql-server", mixinStandardHelpOptions = true,
        description = "Serve the published warehouse read-only over Arrow Flight SQL (JDBC: jdbc:arrow-flight-sql://HOST:PORT); see docs/bi.md.")
final class SqlServerCommand implements Callable<Integer> {

    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(names = "--port", defaultValue = "31337", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--tls-cert", description = "PEM certificate chain; with --tls-key, clients must use TLS.")
    Path tlsCert;

    @Option(names = "--tls-key", description = "PEM PKCS#8 private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--statement-timeout", defaultValue = "PT5M", description = "Cancel a statement after this (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration statementTimeout;

    @Option(names = "--row-limit", defaultValue = "1000000", description = "Refuse results with more rows (default: ${DEFAULT-VALUE}).")
    long rowLimit;

    @Option(names = "--max-concurrent", defaultValue = "16", description = "Statements running at once; more wait (default: ${DEFAULT-VALUE}).")
    int maxConcurrent;

    @Override
    public Integer call() throws Exception {
        for (Path file : new Path[] {tlsCert, tlsKey}) {
            if (file != null && !Files.isReadable(file)) {
                throw new IllegalArgumentException("Cannot read " + file);
            }
        }
        SqlServerSettings settings = new SqlServerSettings(host, port, tlsCert, tlsKey, statementTimeout, rowLimit, maxConcurrent);
        try (SqlServer server = SqlServer.start(warehouse.layout(), settings, System.err)) {
            // The port line is what scripts and tests wait for; flush so it arrives before the first query.
            System.out.println("baton sql-server listening on " + host + ":" + server.port() + (settings.tls() ? " (TLS)" : "")
                    + " over " + warehouse.layout().root());
            System.out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            server.awaitTermination();
        }
        return BatonCli.OK;
    }
}
