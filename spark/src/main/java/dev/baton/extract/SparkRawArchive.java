package dev.baton.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * {@link RawArchive} written by Spark: a delivery's rows as read (text), in the DuckDB archive's column order (the
 * file's columns, {@code _line_number}, {@code _source_file}, {@code _checksum}), as the one Parquet file at
 * {@link RawArchive#path} ({@code <warehouse>/raw/<entity>/load_date=<date>/...}), personal data hashed. Spark writes
 * a folder of part files; the one part is renamed into place through the Hadoop FileSystem API, as {@code LakeWriter} does.
 */
final class SparkRawArchive {

    private SparkRawArchive() {
    }

    /**
     * @param hashed whether a key is set: the columns of personal data are hashed, or else left empty
     * @param remote a folder of a URI work dir to write it in and copy it down from, or null to write beside the target
     */
    static void write(SparkSession spark, LandingContract contract, SparkDeliveryRead.Read read, String sourceFile,
            String checksum, Path target, boolean hashed, org.apache.hadoop.fs.Path remote) {
        List<String> columns = new ArrayList<>();
        for (String name : read.header()) {
            String quoted = "`" + name.replace("`", "``") + "`";
            // every column that matches a hashed one, under any spelling, as RawArchive does
            boolean personal = contract.columns().stream().anyMatch(column -> column.hashed()
                    && HeaderNames.normalise(column.sourceName()).equals(HeaderNames.normalise(name)));
            columns.add(!personal ? quoted
                    : (hashed ? SparkKeyedHash.sql("nullif(trim(" + quoted + "), '')") : "cast(null as string)") + " as " + quoted);
        }
        columns.add("_line_number");
        Dataset<Row> rows = read.rows().selectExpr(columns.toArray(String[]::new))
                .withColumn("_source_file", functions.lit(sourceFile))
                .withColumn("_checksum", functions.lit(checksum))
                .orderBy("_line_number");
        org.apache.hadoop.fs.Path writing = remote != null ? remote : new org.apache.hadoop.fs.Path(
                target.getParent().resolve("_writing-" + target.getFileName()).toUri());
        org.apache.hadoop.fs.Path destination = new org.apache.hadoop.fs.Path(target.toUri());
        try {
            rows.coalesce(1).write().mode(SaveMode.Overwrite).option("compression", "zstd").parquet(writing.toString());
            FileSystem fs = writing.getFileSystem(spark.sparkContext().hadoopConfiguration());
            java.nio.file.Files.deleteIfExists(target);
            java.nio.file.Files.createDirectories(target.getParent());
            for (FileStatus status : fs.listStatus(writing)) {
                if (!status.getPath().getName().endsWith(".parquet")) {
                    continue;
                }
                if (remote != null) {
                    // the raw local file system: no .crc file beside the archive
                    fs.copyToLocalFile(false, status.getPath(), destination, true);
                } else if (!fs.rename(status.getPath(), destination)) {
                    throw new IOException("cannot rename " + status.getPath() + " to " + destination);
                }
            }
            fs.delete(writing, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot archive " + sourceFile + " as " + target, e);
        }
    }
}
