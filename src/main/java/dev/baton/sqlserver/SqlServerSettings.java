package dev.baton.sqlserver;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code baton sql-server} listens and what one statement may cost.
 *
 * @param host address to bind; anything but loopback without TLS gets a warning
 * @param port 0 picks a free port (tests)
 * @param tlsCertificate PEM certificate chain, or null for plain gRPC
 * @param tlsKey PEM PKCS#8 private key, given together with the certificate
 * @param statementTimeout a statement still running after this is cancelled
 * @param rowLimit a result with more rows fails rather than being cut silently
 * @param maxConcurrentStatements statements beyond this wait up to the timeout for a free slot, then are refused
 */
public record SqlServerSettings(String host, int port, Path tlsCertificate, Path tlsKey, Duration statementTimeout,
        long rowLimit, int maxConcurrentStatements) {

    public static final int DEFAULT_PORT = 31337;

    public SqlServerSettings {
        if ((tlsCertificate == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + " is no TCP port");
        }
        if (statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new IllegalArgumentException("--statement-timeout must be positive");
        }
        if (rowLimit < 1 || maxConcurrentStatements < 1) {
            throw new IllegalArgumentException("--row-limit and --max-concurrent must be at least 1");
        }
    }

    public static SqlServerSettings defaults(String host, int port) {
        return new SqlServerSettings(host, port, null, null, Duration.ofMinutes(5), 1_000_000, 16);
    }

    public boolean tls() {
        return tlsCertificate != null;
    }

    public SqlServerSettings withTls(Path certificate, Path key) {
        return new SqlServerSettings(host, port, certificate, key, statementTimeout, rowLimit, maxConcurrentStatements);
    }

    public SqlServerSettings withLimits(Duration timeout, long rows, int concurrent) {
        return new SqlServerSettings(host, port, tlsCertificate, tlsKey, timeout, rows, concurrent);
    }
}
