package dev.baton.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.baton.spark.RemoteExchange;
import dev.baton.warehouse.FileTrees;
import dev.baton.warehouse.LandedTables;
import dev.baton.warehouse.SqlIdentifiers;
import dev.baton.warehouse.WarehouseLayout;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * {@code baton.extract.engine=spark}: a landing CSV read ({@link SparkDeliveryRead}), typed and checked
 * ({@link SparkDeliveryCheck}) and archived ({@link SparkRawArchive}) by Spark; the typed rows and quarantine rows
 * go back to the build file as Parquet, where {@link DeliveryLoader#loadChecked} lands and reconciles them.
 *
 * <p>In package {@code dev.baton.extract} (a split package, on the class path only) because it works with the
 * extract's package-private contract types rather than a copy of them. The session is spark-submit's
 * ({@code getOrCreate}); the work dir is one the executors see at the same path, or a Hadoop URI whose Parquet is
 * exchanged through the night's local mirror ({@link RemoteExchange}), as for the models.
 */
public final class SparkDeliveryEngine implements DeliveryEngine {

    /** The start of the Spark job description of every job that checks a delivery: then its entity and file name. */
    public static final String JOB_DESCRIPTION = "baton extract ";

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Checked check(Connection buildFile, Night night, LandingContract contract, Path file, String checksum, Path archive)
            throws SQLException {
        SparkSession spark = SparkSession.builder().appName("baton").getOrCreate();
        // what BatonSpark sets: DuckDB reads INT96 timestamps as naive, TIMESTAMP_MICROS as instants
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        String sourceFile = file.getFileName().toString();
        // why: the Spark UI and the event log then name the delivery each job reads or writes (the cluster test finds
        // the extract's tasks by it); a local property of this thread, so it is taken off again for the models
        spark.sparkContext().setJobDescription(JOB_DESCRIPTION + contract.entity() + " " + sourceFile);
        try {
            return check(buildFile, spark, night, contract, file, sourceFile, checksum, archive);
        } finally {
            spark.sparkContext().setJobDescription(null);
        }
    }

    private static Checked check(Connection buildFile, SparkSession spark, Night night, LandingContract contract, Path file,
            String sourceFile, String checksum, Path archive) throws SQLException {
        String delivery = contract.entity() + "/" + sourceFile.replaceAll("[^A-Za-z0-9._-]", "_");
        WarehouseLayout.EngineNight work = night.workDir();
        // a URI work dir: DuckDB's side of the exchange is the night's local mirror, as for the models
        Path mirror = work.isRemote() ? RemoteExchange.mirrorOf(buildFile) : null;
        if (mirror != null) {
            RemoteExchange.removeMirrorsOfPublishedNights(mirror.getParent());
        }
        Path folder = FileTrees.fresh((mirror != null ? mirror.resolve("extract") : work.local()).resolve(delivery));
        RemoteExchange exchange = work.isRemote() ? new RemoteExchange(spark.sparkContext().hadoopConfiguration()) : null;
        String sparkFolder = work.isRemote() ? work.uri() + "/" + delivery : folder.toString();
        referencedRows(buildFile, spark, contract, folder, exchange, sparkFolder);
        SparkDeliveryRead.Read read = new SparkDeliveryRead(spark).read(file, written -> columnName(contract, written));
        if (read == null) {
            return null;
        }
        Map<String, String> header = HeaderNames.of(read.header(), contract, sourceFile);
        HeaderNames.requireColumns(contract, header, sourceFile);
        read.rows().createOrReplaceTempView("incoming");
        ColumnCheck columns = ColumnCheck.of(contract, header, present -> empty(spark, present, header), sourceFile);
        if (night.keyedHash() != null) {
            SparkKeyedHash.install(spark, night.keyedHash());
        } else {
            requireKeyForPersonalData(spark, contract, header, sourceFile, night.requireHashKey());
        }
        SparkDeliveryCheck.Checked checked = new SparkDeliveryCheck(spark, night.reportingCurrency())
                .check(contract, header, read, night.keyedHash() != null);
        List<String> typedColumns = new ArrayList<>(List.of("_line_number"));
        contract.columns().forEach(column -> typedColumns.add(column.name()));
        Path typed = folder.resolve("typed");
        Path quarantine = folder.resolve("quarantine");
        checked.typed().selectExpr(typedColumns.toArray(String[]::new)).write().mode(SaveMode.Overwrite)
                .parquet(sparkFolder + "/typed");
        checked.quarantine().coalesce(1).write().mode(SaveMode.Overwrite).parquet(sparkFolder + "/quarantine");
        if (exchange != null) {
            exchange.download(new org.apache.hadoop.fs.Path(sparkFolder + "/typed"), typed);
            exchange.download(new org.apache.hadoop.fs.Path(sparkFolder + "/quarantine"), quarantine);
        }
        if (archive != null) {
            // with a URI work dir the executors may not reach the warehouse: the archive is written there and copied down
            SparkRawArchive.write(spark, contract, read, sourceFile, checksum, archive, night.keyedHash() != null,
                    exchange == null ? null : new org.apache.hadoop.fs.Path(sparkFolder + "/raw"));
        }
        return new Checked(typed, quarantine, read.records(), columns, archive);
    }

    /** A header name as {@link LineSpans} names its column: the contract's name where it maps to one. */
    private static String columnName(LandingContract contract, String written) {
        return contract.columns().stream()
                .filter(column -> HeaderNames.normalise(column.sourceName()).equals(HeaderNames.normalise(written)))
                .map(LandingContract.Column::name)
                .findFirst().orElse(written);
    }

    /**
     * The referenced entities' landed keys, out of the build file as Parquet and into the session as
     * {@code landed_<entity>}: an entity loads after the entities it references, so they are in the build file.
     */
    private static void referencedRows(Connection buildFile, SparkSession spark, LandingContract contract, Path folder,
            RemoteExchange exchange, String sparkFolder) throws SQLException {
        for (EntityReferences.Reference reference : EntityReferences.contract().of(contract.entity())) {
            String table = LandedTables.of(reference.entity());
            Path landed = folder.resolve(table);
            try (Statement statement = buildFile.createStatement()) {
                createDirectories(landed);
                statement.execute("copy (select distinct " + reference.entityColumn() + " from " + table + ") to "
                        + SqlIdentifiers.quoteLiteral(landed.resolve("part-0.parquet").toString()) + " (format parquet)");
            }
            if (exchange != null) {
                exchange.upload(landed, new org.apache.hadoop.fs.Path(sparkFolder + "/" + table));
            }
            spark.read().parquet(sparkFolder + "/" + table).createOrReplaceTempView(table);
        }
    }

    /** As on DuckDB: a hashed column with a value and no key fails the delivery or lands empty. */
    private static void requireKeyForPersonalData(SparkSession spark, LandingContract contract, Map<String, String> header,
            String sourceFile, boolean requireHashKey) {
        for (LandingContract.Column column : contract.columns()) {
            String name = column.hashed() ? header.get(HeaderNames.normalise(column.sourceName())) : null;
            if (name != null && !spark.sql("select 1 from incoming where nullif(trim(`" + name.replace("`", "``")
                    + "`), '') is not null limit 1").isEmpty()) {
                DeliveryLoader.personalDataWithoutKey(sourceFile, column, requireHashKey);
            }
        }
    }

    /** Of these optional columns (source names) the delivery has, those with no value in any row ({@link ColumnCheck}). */
    private static List<String> empty(SparkSession spark, List<String> present, Map<String, String> header) {
        StringJoiner filled = new StringJoiner(", ");
        present.forEach(name -> filled.add("count(nullif(trim(`" + header.get(HeaderNames.normalise(name)).replace("`", "``")
                + "`), ''))"));
        Row counts = spark.sql("select " + filled + " from incoming").first();
        List<String> empty = new ArrayList<>();
        for (int i = 0; i < present.size(); i++) {
            if (counts.getLong(i) == 0) {
                empty.add(present.get(i));
            }
        }
        return empty;
    }

    private static Path createDirectories(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + folder, e);
        }
    }
}
