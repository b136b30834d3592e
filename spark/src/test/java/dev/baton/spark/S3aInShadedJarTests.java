package dev.baton.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/**
 * What spark-submit users get: S3A from {@code target/baton-spark.jar} over the cluster's jars (Spark, Hadoop's client,
 * Netty), with the test class path's own hadoop-aws and AWS SDK jars left out, so a class the shade step dropped
 * fails. Runs after package, in the {@code standalone-cluster} execution.
 */
class S3aInShadedJarTests {

    private static final Path JAR = Path.of("spark/target/baton-spark.jar");

    @Test
    @SuppressWarnings("unchecked")
    void theShadedJarCarriesAWorkingS3aConnector() throws Exception {
        // given
        assertThat(JAR).as("run after mvn package").exists();
        List<URL> urls = new ArrayList<>();
        urls.add(JAR.toUri().toURL());
        urls.add(Path.of("spark/target/test-classes").toUri().toURL());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!shippedInTheJar(entry)) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }

        // when
        String probe;
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            // Hadoop's Configuration finds file system classes through the context class loader
            thread.setContextClassLoader(loader);
            probe = ((Supplier<String>) loader.loadClass(S3aProbe.class.getName()).getConstructor().newInstance()).get();
        } finally {
            thread.setContextClassLoader(before);
        }

        // then
        assertThat(probe).startsWith("org.apache.hadoop.fs.s3a.S3AFileSystem s3a://baton-probe s3 s3 ");
        assertThat(probe).endsWith("baton-spark.jar");
        assertThat(Files.size(JAR)).isLessThan(200L * 1024 * 1024);
    }

    /** The module's own dependencies; what stays is Spark's provided class path, which a cluster brings. */
    private static boolean shippedInTheJar(String entry) {
        String path = entry.replace('\\', '/');
        return path.endsWith("/classes") || path.endsWith("/test-classes") || path.contains("/dev/baton/")
                || path.contains("/software/amazon/") || path.contains("/org/apache/hadoop/hadoop-aws/")
                || path.contains("/org/wildfly/") || path.contains("/org/reactivestreams/");
    }
}
