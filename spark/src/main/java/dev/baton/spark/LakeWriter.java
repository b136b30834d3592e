package dev.baton.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Writes a model table into the Parquet lake laid out as the DuckDB engine's publish step lays out its export, so
 * publish can link the files instead of writing them again: {@code <table>/<table>.parquet}, or one Hive folder per
 * month, {@code <table>/month_start=2024-01-01/data_0.parquet}, with the partition column kept inside the files (an
 * engine that ignores the folder names still sees every column). Spark writes into {@code <table>/_writing/} and the
 * files are then renamed into place through the Hadoop FileSystem API, so the lake may be any Hadoop URI
 * ({@code file:}, {@code hdfs:}, {@code s3a:}) the session's configuration can reach.
 */
final class LakeWriter {

    /** Spark drops a partitionBy column from the files; a copy under this name is partitioned on instead. */
    private static final String FOLDER_COLUMN = "baton_lake_folder";
    private static final String WRITING = "_writing";

    private final SparkSession spark;

    LakeWriter(SparkSession spark) {
        this.spark = spark;
    }

    /** Where a table went: its folder, and its partition column or null when it is one file. */
    record Written(Path folder, String partitionedBy) {
    }

    /**
     * @param partitionColumn the month column to partition on, or null for one file; a table with no rows is
     *                        written as one file even so, since there would be no folder to read its columns from
     */
    Written write(Dataset<Row> rows, String table, Path folder, String partitionColumn) {
        try {
            FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
            fs.delete(folder, true);
            Path writing = new Path(folder, WRITING);
            if (partitionColumn != null) {
                rows.withColumn(FOLDER_COLUMN, functions.col(partitionColumn))
                        .repartition(functions.col(FOLDER_COLUMN))
                        .write().mode(SaveMode.Overwrite).partitionBy(FOLDER_COLUMN).parquet(writing.toString());
                List<FileStatus> partitions = Arrays.stream(fs.listStatus(writing))
                        .filter(status -> status.isDirectory() && status.getPath().getName().startsWith(FOLDER_COLUMN + "="))
                        .toList();
                if (!partitions.isEmpty()) {
                    for (FileStatus partition : partitions) {
                        String value = partition.getPath().getName().substring(FOLDER_COLUMN.length() + 1);
                        List<Path> files = parquetFiles(fs, partition.getPath());
                        for (int i = 0; i < files.size(); i++) {
                            move(fs, files.get(i), new Path(new Path(folder, partitionColumn + "=" + value), "data_" + i + ".parquet"));
                        }
                    }
                    fs.delete(writing, true);
                    return new Written(folder, partitionColumn);
                }
                fs.delete(writing, true);
            }
            // one task, one file: the name publish gives a table's single file
            rows.coalesce(1).write().mode(SaveMode.Overwrite).parquet(writing.toString());
            List<Path> files = parquetFiles(fs, writing);
            if (files.size() != 1) {
                throw new IllegalStateException("Spark wrote " + files.size() + " Parquet files for " + table + " into " + writing
                        + ", expected one");
            }
            move(fs, files.get(0), new Path(folder, table + ".parquet"));
            fs.delete(writing, true);
            return new Written(folder, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + table + " into the lake at " + folder, e);
        }
    }

    private static List<Path> parquetFiles(FileSystem fs, Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        for (FileStatus status : fs.listStatus(folder)) {
            if (status.isFile() && status.getPath().getName().endsWith(".parquet")) {
                files.add(status.getPath());
            }
        }
        files.sort(null);
        return files;
    }

    private static void move(FileSystem fs, Path source, Path target) throws IOException {
        fs.mkdirs(target.getParent());
        if (!fs.rename(source, target)) {
            throw new IOException("cannot rename " + source + " to " + target);
        }
    }
}
