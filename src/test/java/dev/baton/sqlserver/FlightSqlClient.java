package dev.baton.sqlserver;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link FlightSqlJdbcProbe} in a second JVM whose class path is the probe and the official Arrow Flight SQL
 * JDBC driver jar, nothing of Baton's, and talks to it line by line.
 */
final class FlightSqlClient implements AutoCloseable {

    static final Path DRIVER = Path.of("target", "flight-sql-jdbc", "flight-sql-jdbc-driver.jar");

    private final Process process;
    private final Writer in;
    private final BufferedReader out;

    FlightSqlClient() throws IOException {
        if (!Files.isRegularFile(DRIVER)) {
            throw new IllegalStateException(DRIVER + " is missing: run the tests through Maven (generate-test-resources copies it)");
        }
        String javaBinary = ProcessHandle.current().info().command().orElse("java");
        String classes;
        try {
            classes = Path.of(FlightSqlJdbcProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        process = new ProcessBuilder(javaBinary, "-Xmx384m", "-XX:TieredStopAtLevel=1", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp", classes + File.pathSeparator + DRIVER.toAbsolutePath(), FlightSqlJdbcProbe.class.getName())
                .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", "flight-sql-client.log").toFile()))
                .start();
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Sends one command (fields joined by tabs) and returns the probe's one-line answer. */
    String ask(String... fields) throws IOException {
        in.write(String.join("\t", fields) + "\n");
        in.flush();
        return readLine();
    }

    /** Sends a command without waiting for its answer (a loop); read it later with {@link #readLine()}. */
    void send(String... fields) throws IOException {
        in.write(String.join("\t", fields) + "\n");
        in.flush();
    }

    String readLine() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IllegalStateException("the client JVM ended (exit " + (process.isAlive() ? "?" : process.exitValue()) + ")");
        }
        return line;
    }

    @Override
    public void close() throws Exception {
        in.close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
