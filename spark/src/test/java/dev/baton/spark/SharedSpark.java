package dev.baton.spark;

import org.apache.spark.sql.SparkSession;

/** One local Spark session for every test of the module: starting one costs seconds, CI has two cores. */
public final class SharedSpark {

    private static SparkSession session;

    private SharedSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .appName("baton-tests")
                    .master("local[2]")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.datetime.java8API.enabled", "true")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.adaptive.enabled", "false")
                    // small data, many short queries: compiling whole stages costs more than it saves here
                    .config("spark.sql.codegen.wholeStage", "false")
                    .getOrCreate();
        }
        return session;
    }
}
