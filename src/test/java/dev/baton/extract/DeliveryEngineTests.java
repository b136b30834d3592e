package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * {@code baton.extract.engine}, else {@code baton.engine}: DuckDB unless another engine is named, and then only if it
 * is on the classpath.
 */
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

    @Test
    void unsetTheExtractFollowsTheModelsEngine() {
        assertThat(DeliveryEngine.of(null, null, null)).isNull();
        assertThat(DeliveryEngine.of(" ", "duckdb", "")).isNull();
        // the models on Spark: the extract asks for Spark too, and the message names the setting that asked
        assertThatThrownBy(() -> DeliveryEngine.of(null, "spark", "/mnt/shared/baton"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("baton.engine=spark needs the Spark engine");
    }

    @Test
    void theExtractSettingOverridesTheModelsEngine() {
        // duckdb keeps the extract on DuckDB under Spark models: no lookup, so no failure without the spark module
        assertThat(DeliveryEngine.of("duckdb", "spark", "hdfs://nn:8020/baton")).isNull();
        assertThatThrownBy(() -> DeliveryEngine.of("spark", "duckdb", null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("baton.extract.engine=spark needs the Spark engine");
    }

    @Test
    void unsetAHadoopUriWorkDirKeepsTheExtractOnDuckDbAndNamedItIsSpark() {
        // the executors would read the landing at the driver's path: only by name, for a landing mounted on every node
        assertThat(DeliveryEngine.of(null, "spark", "hdfs:///baton")).isNull();
        assertThat(DeliveryEngine.of("", "spark", " s3a://bucket/baton ")).isNull();
        assertThatThrownBy(() -> DeliveryEngine.of("spark", "spark", "hdfs://namenode:8020/baton"))
                .hasMessageStartingWith("baton.extract.engine=spark needs the Spark engine");
        // a file: URI and a Windows drive are local folders: the models' engine is asked, as for any local path
        assertThatThrownBy(() -> DeliveryEngine.of(null, "spark", "file:///mnt/baton"))
                .hasMessageStartingWith("baton.engine=spark needs the Spark engine");
        assertThatThrownBy(() -> DeliveryEngine.of(null, "spark", "C:\\baton\\spark"))
                .hasMessageStartingWith("baton.engine=spark needs the Spark engine");
    }

    @Test
    void aWorkDirIsAHadoopUriByItsSchemeOfTwoLettersOrMore() {
        assertThat(dev.baton.warehouse.WarehouseLayout.isHadoopUri("hdfs:/nn/baton")).isTrue();
        assertThat(dev.baton.warehouse.WarehouseLayout.isHadoopUri(" s3a://bucket/baton ")).isTrue();
        // a file: URI and a Windows drive are local folders
        assertThat(dev.baton.warehouse.WarehouseLayout.isHadoopUri("file:///mnt/baton")).isFalse();
        assertThat(dev.baton.warehouse.WarehouseLayout.isHadoopUri("C:\\baton\\spark")).isFalse();
        assertThat(dev.baton.warehouse.WarehouseLayout.isHadoopUri("/srv/baton/spark")).isFalse();
        assertThat(dev.baton.warehouse.WarehouseLayout.isHadoopUri(null)).isFalse();
    }
}
