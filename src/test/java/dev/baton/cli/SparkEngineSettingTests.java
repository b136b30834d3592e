package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** baton.engine=spark needs the spark/ module on the classpath; the app's jar alone says so in one line, exit 2. */
class SparkEngineSettingTests {

    @TempDir
    Path workspace;

    @Test
    void sparkWithoutTheSparkModuleIsBadConfigurationNamingHowToRunIt() throws Exception {
        // given a landing folder with deliveries (an empty one is refused before the engine is looked at)
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        String warehouse = Files.createDirectories(workspace.resolve("warehouse")).toString();

        // when
        Scenarios.Captured result = Scenarios.capture(() -> BatonCli.execute("run", "--run-date", "2024-06-30",
                "--landing", landing.toString(), "--warehouse", warehouse, "-Dbaton.engine=spark"));

        // then
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err().strip()).doesNotContain("\n")
                .startsWith("baton: baton.engine=spark needs the Spark engine, which is not on the classpath")
                .contains("spark-submit --class dev.baton.spark.BatonSpark");
    }

    @Test
    void anUnknownEngineNamesTheSetting() throws Exception {
        String warehouse = Files.createDirectories(workspace.resolve("warehouse")).toString();

        Scenarios.Captured result = Scenarios.capture(() -> BatonCli.execute("status", "--warehouse", warehouse,
                "-Dbaton.engine=presto"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).startsWith("baton: invalid setting baton.engine='presto'");
    }
}
