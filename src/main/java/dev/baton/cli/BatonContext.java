package dev.baton.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.baton.BatonApplication;
import dev.baton.warehouse.BatonProperties.SettingValue;
import dev.baton.warehouse.WarehouseLayout;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.ConfigurableApplicationContext;

/** The Spring context behind the commands that touch run history (run, serve, status, recover, backfill). */
final class BatonContext {

    private BatonContext() {
    }

    /**
     * Batch metadata goes to {@code <warehouse>/state/} unless a metadata store is configured from the
     * environment (SPRING_DATASOURCE_URL, e.g. PostgreSQL on a shared server) or with -Dspring.datasource.url.
     */
    static ConfigurableApplicationContext start(WarehouseLayout layout, Path projectDir, Map<String, String> settings) {
        return start(layout, projectDir, settings, true);
    }

    /** @param shutdownHook false when the caller closes the context itself, after its own work stopped */
    static ConfigurableApplicationContext start(WarehouseLayout layout, Path projectDir, Map<String, String> settings,
            boolean shutdownHook) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("baton.warehouse", layout.root().toString());
        if (historyInWarehouse(settings)) {
            properties.put("spring.datasource.url", layout.metadataJdbcUrl());
        }
        if (projectDir != null) {
            properties.put("baton.project-dir", projectDir.toAbsolutePath().toString());
        }
        properties.putAll(settings);
        return start(properties, shutdownHook);
    }

    /** Whether the run history is the H2 file under {@code <warehouse>/state/}, which one process at a time may open. */
    static boolean historyInWarehouse(Map<String, String> settings) {
        return !settings.containsKey("spring.datasource.url") && System.getenv("SPRING_DATASOURCE_URL") == null
                && System.getProperty("spring.datasource.url") == null;
    }

    static ConfigurableApplicationContext start(Map<String, Object> properties) {
        return start(properties, true);
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties, boolean shutdownHook) {
        // As command-line arguments, these outrank application.yml (builder "properties" would not).
        String[] arguments = properties.entrySet().stream()
                .map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
                .toArray(String[]::new);
        try {
            return new SpringApplicationBuilder(BatonApplication.class)
                    .web(WebApplicationType.NONE)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .registerShutdownHook(shutdownHook)
                    .run(arguments);
        } catch (RuntimeException e) {
            // Nothing has run yet: whatever stops the context (a setting that does not bind or validate, a job
            // file, an unreachable metadata store) is configuration, exit 2, said in one line.
            throw new BadConfiguration(rootMessage(e), e);
        }
    }

    /** A context that could not start; an IllegalArgumentException so the command line exits 2 (usage/configuration). */
    static final class BadConfiguration extends IllegalArgumentException {

        BadConfiguration(String reason, Throwable cause) {
            super(reason, cause);
        }
    }

    /**
     * The first message below Spring's wrappers of a failed context start: Baton's own, which names the file
     * and what is wrong with it, rather than the parser's innermost one, which does not.
     */
    static String rootMessage(Throwable failure) {
        if (failure instanceof BadConfiguration) {
            return failure.getMessage();
        }
        Throwable cause = failure;
        BindException binding = null;
        while (cause.getClass().getName().startsWith("org.springframework.") && cause.getCause() != null
                && cause.getCause() != cause) {
            if (cause instanceof BindException bind && binding == null) {
                binding = bind;
            }
            cause = cause.getCause();
        }
        if (binding == null) {
            return BatonCli.oneLine(cause);
        }
        // Which setting, and why: Baton's own check names the setting already; a conversion error does not.
        String reason = BatonCli.oneLine(cause);
        Class<?> type = binding.getTarget().getType().resolve();
        if (type != null && type.isEnum()) {
            // The converter's message names a Java class; the operator needs the values the setting takes.
            reason = "must be one of " + enumValues(type);
        }
        String setting = binding.getName().toString();
        Object value = binding.getProperty() == null ? null : binding.getProperty().getValue();
        return "invalid setting " + setting + (value == null ? "" : "='" + value + "'") + ": " + reason;
    }

    private static String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(constant -> constant instanceof SettingValue value ? value.settingValue()
                        : ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
    }
}
