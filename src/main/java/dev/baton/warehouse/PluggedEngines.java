package dev.baton.warehouse;

import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The engines Baton finds with {@link ServiceLoader} rather than links to ({@code baton.engine} for the models,
 * {@code baton.extract.engine} for the extract): the Spark ones live in the spark/ module, on the classpath only
 * when Baton runs through spark-submit, so the app's jar must name what is missing in one line.
 */
public final class PluggedEngines {

    private PluggedEngines() {
    }

    /**
     * The engine of this type the setting names, or null for {@code duckdb} (or no value): the build file's own.
     *
     * @param key the setting's key, for the message when the engine is not on the classpath
     */
    public static <T> T namedOrNull(Class<T> type, Function<T, String> nameOf, String key, String setting) {
        String name = setting == null || setting.isBlank() ? "duckdb" : setting.trim().toLowerCase(Locale.ROOT);
        if (name.equals("duckdb")) {
            return null;
        }
        return ServiceLoader.load(type).stream()
                .map(ServiceLoader.Provider::get)
                .filter(candidate -> nameOf.apply(candidate).equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(key + "=" + name + " needs the "
                        + name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1) + " engine, which is not on the"
                        + " classpath: build it with `mvn -B package` and run `spark-submit --class dev.baton.spark.BatonSpark"
                        + " spark/target/baton-spark.jar run ...` (docs/spark.md)"));
    }
}
