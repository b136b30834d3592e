package dev.baton.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone cluster on loopback: one master and two workers (1 core, 1 GB each), each its own JVM, started
 * from a SPARK_HOME laid out in a temporary folder whose {@code jars/} links the jars of the test's class path (the
 * Spark the build resolved; nothing is downloaded). Workers start their executors as further JVMs from that
 * {@code jars/} folder, as on a real cluster; the driver is a spark-submit JVM ({@link #submit}).
 *
 * <p>The Baton jar is left out of {@code jars/}, so Baton's classes reach the cluster only in the jar submitted.
 */
final class StandaloneCluster implements AutoCloseable {

    static final int WORKERS = 2;
    // why: a wait, not a time target: polled, so it costs nothing when the JVMs come up fast, and on a machine busy
    // with other builds a master and two workers took over two minutes to register
    private static final Duration STARTUP = Duration.ofSeconds(300);
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path home;
    final Path logs;
    final String masterUrl;
    private final int masterUiPort;
    private final List<Process> daemons = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    StandaloneCluster(Path folder) throws IOException, InterruptedException {
        home = layOutSparkHome(folder.resolve("spark-home"));
        logs = Files.createDirectories(folder.resolve("logs"));
        int masterPort = freePort();
        masterUiPort = freePort();
        masterUrl = "spark://127.0.0.1:" + masterPort;
        try {
            // no REST submission server: it would take the fixed port 6066
            daemons.add(start("master", List.of("-Dspark.master.rest.enabled=false", "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(masterUiPort))));
            for (int i = 1; i <= WORKERS; i++) {
                Path workDir = Files.createDirectories(folder.resolve("worker-" + i));
                daemons.add(start("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port", "0",
                        "--work-dir", workDir.toString(), masterUrl)));
            }
            awaitMaster("two workers alive", master -> aliveWorkers(master).size() == WORKERS);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The master's state as its web UI serves it ({@code /json}: workers, active and completed applications). */
    JsonNode master() {
        return json("http://127.0.0.1:" + masterUiPort + "/json/");
    }

    /** A worker's own state ({@code /json} on its web UI: running and finished executors). */
    JsonNode worker(JsonNode workerOfMaster) {
        return json(workerOfMaster.get("webuiaddress").asText() + "/json/");
    }

    static List<JsonNode> aliveWorkers(JsonNode master) {
        List<JsonNode> alive = new ArrayList<>();
        master.get("workers").forEach(worker -> {
            if (worker.get("state").asText().equals("ALIVE")) {
                alive.add(worker);
            }
        });
        return alive;
    }

    JsonNode awaitMaster(String what, Predicate<JsonNode> condition) throws InterruptedException {
        return await(what, this::master, condition);
    }

    JsonNode await(String what, Supplier<JsonNode> state, Predicate<JsonNode> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                JsonNode now = state.get();
                if (condition.test(now)) {
                    return now;
                }
            } catch (UncheckedIOException e) {
                last = e; // the web UI is not up yet
            }
            for (Process daemon : daemons) {
                if (!daemon.isAlive()) {
                    throw new IllegalStateException("a cluster JVM exited (" + daemon.exitValue() + ") while waiting for "
                            + what + "; logs in " + logs);
                }
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no " + what + " within " + STARTUP + "; logs in " + logs, last);
    }

    /**
     * spark-submit's own entry point ({@code org.apache.spark.deploy.SparkSubmit}) in a JVM of its own, with the class
     * path bin/spark-submit would give it (SPARK_HOME/conf and jars/*); waits for it and returns its exit code.
     */
    int submit(Path workingDirectory, Path output, List<String> arguments) throws IOException, InterruptedException {
        List<String> command = java("1g");
        command.add("org.apache.spark.deploy.SparkSubmit");
        command.addAll(arguments);
        Process driver = process(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            if (!driver.waitFor(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("spark-submit still running after 30 minutes; output in " + output);
            }
            return driver.exitValue();
        } finally {
            stop(driver);
        }
    }

    private Process start(String name, List<String> mainAndArguments) throws IOException {
        List<String> command = java("256m");
        command.addAll(mainAndArguments);
        return process(command).redirectErrorStream(true).redirectOutput(logs.resolve(name + ".log").toFile()).start();
    }

    private List<String> java(String heap) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        // what Spark's launcher adds for Java 17 (bin/spark-class does the same through it)
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptionArray()));
        command.add("-cp");
        command.add(home.resolve("conf") + File.pathSeparator + home.resolve("jars") + File.separator + "*");
        return command;
    }

    private ProcessBuilder process(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.put("SPARK_HOME", home.toString());
        // the launcher inside the worker asks for it to find jars/ (a distribution's bin/load-spark-env.sh sets it)
        environment.put("SPARK_SCALA_VERSION", "2.13");
        environment.put("SPARK_LOCAL_IP", "127.0.0.1");
        environment.put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
        environment.remove("SPARK_CONF_DIR");
        return builder;
    }

    private static Path layOutSparkHome(Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        Files.createDirectories(home.resolve("conf"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            if (!name.endsWith(".jar") || !Files.isRegularFile(jar) || isBaton(jar)) {
                continue; // target/classes and target/test-classes are Baton's, and the plain Baton jar too
            }
            Path link = jars.resolve(name);
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, jar.toAbsolutePath());
            }
        }
        return home;
    }

    private static boolean isBaton(Path jar) {
        return jar.toString().contains(File.separator + "dev" + File.separator + "baton" + File.separator)
                || jar.getFileName().toString().startsWith("baton-");
    }

    private JsonNode json(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new UncheckedIOException(new IOException(url + " answered " + response.statusCode()));
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Workers first (their executors with them), then the master; each JVM and whatever it started. */
    @Override
    public void close() {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            stop(daemons.get(i));
        }
        daemons.clear();
    }

    private static void stop(Process process) {
        List<ProcessHandle> descendants;
        try (Stream<ProcessHandle> all = process.descendants()) {
            descendants = all.toList();
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
