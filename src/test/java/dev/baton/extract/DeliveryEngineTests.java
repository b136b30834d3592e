package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code baton.extract.engine}: DuckDB unless another engine is named, and then only if it is on the classpath. */
class DeliveryEngineTests {

    @Test
    void duckDbIsTheBuildFilesOwnEngine() {
        assertThat(DeliveryEngine.named("duckdb")).isNull();
        assertThat(DeliveryEngine.named(" DuckDB ")).isNull();
        assertThat(DeliveryEngine.named(null)).isNull();
    }

    @Test
    void sparkWithoutTheSparkModuleSaysWhereItIs() {
        // the app's own classpath has no Spark engine: only spark/target/baton-spark.jar brings it
        assertThatThrownBy(() -> DeliveryEngine.named("spark"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("baton.extract.engine=spark").hasMessageContaining("spark-submit");
    }
}
