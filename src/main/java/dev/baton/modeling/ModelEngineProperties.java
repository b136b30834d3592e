package dev.baton.modeling;

import dev.baton.warehouse.PluggedEngines;
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
        return PluggedEngines.namedOrNull(ModelEngine.class, ModelEngine::name, "baton.engine", engine.name());
    }
}
