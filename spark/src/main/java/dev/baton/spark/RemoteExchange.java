package dev.baton.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;

/**
 * Moves a night's Parquet between the driver's local mirror and a work dir on another file system ({@link WorkDir}),
 * through the Hadoop FileSystem API: the inputs DuckDB wrote go up before Spark reads them, the tables Spark wrote come
 * down before DuckDB reads them. Every byte of the models' inputs and outputs crosses the driver's disk once. Public
 * for the Spark extract ({@code dev.baton.extract.SparkDeliveryEngine}), which exchanges its Parquet the same way.
 */
public final class RemoteExchange {

    /** A night's mirror is {@code <job>-<date>.spark}, beside its build file {@code <job>-<date>.duckdb}. */
    static final String MIRROR = ".spark";

    private final Configuration conf;

    public RemoteExchange(Configuration conf) {
        this.conf = conf;
    }

    /** Replaces {@code target} by a copy of the local folder, which is removed then (the build file holds its rows). */
    public void upload(Path local, org.apache.hadoop.fs.Path target) {
        try {
            FileSystem fs = target.getFileSystem(conf);
            fs.delete(target, true);
            fs.mkdirs(target.getParent());
            fs.copyFromLocalFile(true, true, SparkModels.hadoopPath(local), target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + local + " up to " + target, e);
        }
    }

    /** Empties a folder Spark is about to write into, so no table of an earlier attempt is left there. */
    void clear(org.apache.hadoop.fs.Path folder) {
        try {
            folder.getFileSystem(conf).delete(folder, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + folder, e);
        }
    }

    /**
     * Copies a table's folder down to a local one that does not exist yet; through the raw local file system, so no
     * {@code .crc} checksum files are written beside the Parquet.
     */
    public Path download(org.apache.hadoop.fs.Path source, Path local) {
        try {
            source.getFileSystem(conf).copyToLocalFile(false, source, SparkModels.hadoopPath(local), true);
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " down to " + local, e);
        }
    }

    /** {@code <warehouse>/build/<job>-<date>.spark}: beside the build file, which is the night's own. */
    public static Path mirrorOf(Connection buildFile) throws SQLException {
        try (Statement statement = buildFile.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select path from duckdb_databases() where database_name = current_database()")) {
            if (!rows.next() || rows.getString(1) == null) {
                throw new IllegalStateException("a remote work dir needs a build file on disk to keep its local mirror beside");
            }
            Path file = Path.of(rows.getString(1)).toAbsolutePath();
            return file.resolveSibling(file.getFileName().toString().replaceFirst("\\.duckdb$", "") + RemoteExchange.MIRROR);
        }
    }

    /**
     * Removes the mirrors of nights whose build file is gone: publish removes a night's build file once the version
     * holds its files (the mirror's lake files are linked there, so removing the mirror frees nothing the version
     * needs). A mirror whose build file is still there belongs to a night that is running or may be restarted.
     */
    public static void removeMirrorsOfPublishedNights(Path buildFolder) {
        File[] mirrors = buildFolder.toFile().listFiles(file -> file.isDirectory() && file.getName().endsWith(MIRROR));
        for (File mirror : mirrors == null ? new File[0] : mirrors) {
            String night = mirror.getName().substring(0, mirror.getName().length() - MIRROR.length());
            if (!new File(buildFolder.toFile(), night + ".duckdb").exists()) {
                delete(mirror.toPath());
            }
        }
    }

    /** Removes a local copy whose rows are loaded into the build file. */
    static void delete(Path local) {
        if (!FileUtil.fullyDelete(local.toFile())) {
            throw new UncheckedIOException(new IOException("cannot remove " + local));
        }
    }
}
