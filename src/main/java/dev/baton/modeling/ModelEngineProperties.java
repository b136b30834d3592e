package dev.baton.modeling;

import java.util.Locale;
import java.util.ServiceLoader;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code baton.engine} and {@code baton.spark.*}: which engine builds the models.
 *
 * @param engine {@code duckdb} (embedded, the default) or {@code spark} (the models as Spark SQL; needs spark-submit)
 * @param spark where the Spark engine exchanges Parquet with the build file
 */
@ConfigurationProperties("baton")
record ModelEngineProperties(@DefaultValue("duckdb") Engine engine, @DefaultValue Spark spark) {

    enum Engine { DUCKDB, SPARK }

    /**
     * @param workDir folder for the Parquet inputs and outputs of each run ({@code <job>-<date>/input|output});
     *        empty means {@code <warehouse>/spark}. On a cluster, a folder every executor sees at the same path.
     */
    record Spark(@DefaultValue("") String workDir) {
    }

    /** The engine named by the setting, or null for the embedded DuckDB; one clear line when it is not there. */
    ModelEngine engineOrNull() {
        if (engine == Engine.DUCKDB) {
            return null;
        }
        String name = engine.name().toLowerCase(Locale.ROOT);
        return ServiceLoader.load(ModelEngine.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("baton.engine=" + name + " needs the Spark engine, which is not "
                        + "on the classpath: build it with `mvn -B package` and run `spark-submit --class dev.baton.spark.BatonSpark "
                        + "spark/target/baton-spark.jar run ...` (docs/spark.md)"));
    }
}
