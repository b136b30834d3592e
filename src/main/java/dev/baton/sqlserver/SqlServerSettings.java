package dev.baton.sqlserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;

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

    /**
     * The {@code baton.sql-server.*} settings {@code serve} hosts the endpoint with, or null when
     * {@code baton.sql-server.enabled} is not true. Durations as ISO-8601 ({@code PT5M}).
     */
    public static SqlServerSettings fromSettings(Function<String, String> setting) {
        if (!Boolean.parseBoolean(setting.apply("baton.sql-server.enabled"))) {
            return null;
        }
        BiFunction<String, String, String> or = (key, fallback) -> {
            String value = setting.apply("baton.sql-server." + key);
            return value == null || value.isBlank() ? fallback : value.strip();
        };
        try {
            String cert = or.apply("tls-cert", null);
            String key = or.apply("tls-key", null);
            return new SqlServerSettings(or.apply("host", "127.0.0.1"), Integer.parseInt(or.apply("port", String.valueOf(DEFAULT_PORT))),
                    cert == null ? null : Path.of(cert), key == null ? null : Path.of(key),
                    Duration.parse(or.apply("statement-timeout", "PT5M")), Long.parseLong(or.apply("row-limit", "1000000")),
                    Integer.parseInt(or.apply("max-concurrent", "16")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid setting baton.sql-server.*: " + e.getMessage(), e);
        }
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
