package dev.baton.spark;

import java.nio.file.Path;

import dev.baton.warehouse.WarehouseLayout;

/**
 * The Spark engine's folder of one night ({@code baton.spark.work-dir}/{@code <job>-<date>}): a local path, or a
 * Hadoop URI ({@code hdfs:///baton}, {@code hdfs://namenode:8020/baton}, {@code s3a://bucket/baton}) that the executors
 * reach and the driver's DuckDB cannot, since it reads local files only. For such a URI the night's Parquet passes
 * through a local mirror on the driver ({@link RemoteExchange}).
 *
 * @param local the folder itself when it is local, else null
 * @param remote the URI when it is not local, else null
 */
record WorkDir(Path local, org.apache.hadoop.fs.Path remote) {

    WorkDir {
        if ((local == null) == (remote == null)) {
            throw new IllegalArgumentException("a work dir is either local or remote");
        }
    }

    /**
     * The night as {@link WarehouseLayout#engineNight} read the setting, once: a URI reaches here as the text it was
     * written in, so {@code hdfs:///baton} keeps its empty authority (the cluster's default namenode) and
     * {@code hdfs://nn:8020/baton} its own.
     */
    static WorkDir of(WarehouseLayout.EngineNight night) {
        return night.isRemote() ? new WorkDir(null, new org.apache.hadoop.fs.Path(night.uri()))
                : new WorkDir(night.local(), null);
    }

    boolean isRemote() {
        return remote != null;
    }
}
