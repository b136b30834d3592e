package dev.baton.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/** Test fixtures: hand-written landing folders under src/test/resources/scenarios, and console capture. */
public final class Scenarios {

    private Scenarios() {
    }

    public static Path copy(String scenario, Path target) throws IOException {
        try {
            Path source = Path.of(Scenarios.class.getResource("/scenarios/" + scenario).toURI());
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()));
                }
            }
            return target;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository's own jobs/, sql/ and schedules/, copied so a test may break and mend them. */
    public static Path copyProject(Path target) throws IOException {
        for (String folder : new String[] {"jobs", "sql", "schedules"}) {
            Path source = Path.of(folder).toAbsolutePath();
            try (Stream<Path> paths = Files.walk(source)) {
                for (Path path : paths.toList()) {
                    Path copy = target.resolve(folder).resolve(source.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(path, copy);
                    }
                }
            }
        }
        return target;
    }

    public record Captured(int exitCode, String out, String err) {
    }

    /** Runs a command line with stdout and stderr captured. */
    public static Captured capture(Callable<Integer> command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, "UTF-8"));
        System.setErr(new PrintStream(err, true, "UTF-8"));
        try {
            int exitCode = command.call();
            return new Captured(exitCode, out.toString("UTF-8"), err.toString("UTF-8"));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }
}
