package dev.baton.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.baton.warehouse.ProjectFiles;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Checks a command makes before it writes anything (no warehouse folder, no sample data, no run history): the
 * settings, the job name and the landing folder. Each failure is an IllegalArgumentException, so the command line
 * exits 2 with its one line.
 */
final class Preflight {

    private static final String TEST_HOOKS = "baton.test.";

    private Preflight() {
    }

    /**
     * Refuses a {@code baton.*} key that no setting binds (naming the nearest one), then binds every Baton settings
     * class the way the context will, so a value that does not convert or validate is refused here, not after the
     * history store has been created.
     */
    static void settings(Map<String, String> settings) {
        SettingKeys known = SettingKeys.scan();
        Map<String, Object> given = new LinkedHashMap<>();
        System.getProperties().forEach((key, value) -> given.put(key.toString(), value));
        given.putAll(settings);
        for (String key : given.keySet()) {
            String lower = key.toLowerCase(Locale.ROOT);
            // baton.test.* are the tests' hooks (a JVM property that halts at a publish point, a screenshot folder),
            // never settings: no settings class binds them
            if (lower.startsWith("baton.") && !lower.startsWith(TEST_HOOKS) && !known.isKnown(key)) {
                throw new IllegalArgumentException("unknown setting " + key
                        + known.nearest(key).map(nearest -> "; did you mean " + nearest + "?").orElse(""));
            }
        }
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("-D settings", new LinkedHashMap<>(settings)));
        Binder binder = Binder.get(environment);
        for (Class<?> type : known.propertyClasses()) {
            try {
                binder.bindOrCreate(known.prefixOf(type), Bindable.of(type));
            } catch (RuntimeException e) {
                throw new BatonContext.BadConfiguration(BatonContext.rootMessage(e), e);
            }
        }
    }

    /**
     * The reporting currency the context will bind (a -D setting, BATON_METRICS_REPORTING_CURRENCY, else the
     * default), checked against the landing folder's rate feed.
     */
    static void rateFeed(Map<String, String> settings, Path landing) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("-D settings", new LinkedHashMap<>(settings)));
        String currency = Binder.get(environment).bind("baton.metrics.reporting-currency", String.class).orElse("USD");
        RateFeedCheck.check(landing, currency);
    }

    /** The jobs are the file names of jobs/*.yml (a job's name must match its file; the catalog checks that). */
    static void job(Path projectDir, String job) {
        Set<String> names = new TreeSet<>();
        new ProjectFiles(projectDir).find("jobs", ".yml").stream()
                .filter(file -> file.folder().equals("jobs"))
                .forEach(file -> names.add(file.fileName().replaceFirst("\\.yml$", "")));
        if (!names.contains(job)) {
            throw new IllegalArgumentException("unknown job '" + job + "' (--job); jobs/ defines " + String.join(", ", names));
        }
    }

    /** A landing folder given on the command line must exist and hold at least one file. */
    static void landing(Path landing) {
        if (landing == null) {
            return;
        }
        if (!Files.isDirectory(landing)) {
            throw new IllegalArgumentException("landing folder " + landing + " does not exist (--landing)");
        }
        try (Stream<Path> paths = Files.walk(landing)) {
            boolean empty = paths.filter(Files::isRegularFile)
                    .noneMatch(path -> !path.getFileName().toString().startsWith("."));
            if (empty) {
                throw new IllegalArgumentException("landing folder " + landing
                        + " is empty; it needs the deliveries, e.g. accounts.csv, deals.csv, subscriptions.csv (README: Landing files)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read landing folder " + landing, e);
        }
    }
}
