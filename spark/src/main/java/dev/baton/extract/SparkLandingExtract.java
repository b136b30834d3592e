package dev.baton.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.baton.extract.LandingContract.Column;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * The landing folder's CSV deliveries extracted by Spark, as {@link LandingFileExtract} does on DuckDB: entities in
 * load order, each file read ({@link SparkDeliveryRead}), typed and checked ({@link SparkDeliveryCheck}), its
 * accepted rows classified against what is landed (loaded, updated, unchanged), reconciled (rows read = loaded +
 * updated + unchanged + quarantined, or it fails), and archived as Parquet in {@link RawArchive}'s layout.
 *
 * <p>The landed rows live in Parquet under {@code <workDir>/landed_<entity>/}, the session's {@code landed_<entity>}
 * view over them, so later entities' references see them. It starts from an empty warehouse (a first night).
 */
public final class SparkLandingExtract {

    /** One row of {@code quarantine} (without run date), as the DuckDB extract writes it. */
    public record QuarantineRow(String entity, String sourceFile, long lineNumber, String columnName, String rawValue,
            String reason) {
    }

    /** One row of {@code load_reconciliation} (without run date and column lists). */
    public record Reconciliation(String entity, String sourceFile, long rowsRead, long rowsLoaded, long rowsUpdated,
            long rowsUnchanged, long rowsQuarantined) {
    }

    public record Result(List<QuarantineRow> quarantine, List<Reconciliation> reconciliation) {
    }

    private final SparkSession spark;
    private final LocalDate runDate;
    private final String reportingCurrency;
    private final Path workDir;
    private final Path rawFolder;

    /** @param rawFolder the raw archive's root ({@code <warehouse>/raw}), null for none */
    public SparkLandingExtract(SparkSession spark, LocalDate runDate, String reportingCurrency, Path workDir, Path rawFolder) {
        this.spark = spark;
        this.runDate = runDate;
        this.reportingCurrency = reportingCurrency;
        this.workDir = workDir;
        this.rawFolder = rawFolder;
    }

    /** @param contracts each entity's landing contract, read from a build file ({@link LandingContract#read}) */
    Result run(List<String> entities, Map<String, LandingContract> contracts, Path folder) {
        LandingFiles landing = new LandingFiles(folder);
        List<QuarantineRow> quarantine = new ArrayList<>();
        List<Reconciliation> reconciliation = new ArrayList<>();
        for (String entity : contracts.keySet()) {
            emptyLanded(contracts.get(entity));
        }
        for (String entity : EntityReferences.contract().loadOrder(entities)) {
            LandingContract contract = contracts.get(entity);
            for (Path file : landing.of(entity)) {
                if (!DeliveryReader.format(file).equals("csv")) {
                    throw new UnsupportedOperationException(file.getFileName() + ": the Spark extract reads CSV only");
                }
                reconciliation.add(load(contract, file, quarantine));
            }
        }
        return new Result(quarantine, reconciliation);
    }

    private Reconciliation load(LandingContract contract, Path file, List<QuarantineRow> quarantine) {
        String sourceFile = file.getFileName().toString();
        SparkDeliveryRead.Read read = new SparkDeliveryRead(spark).read(file);
        Map<String, String> header = new LinkedHashMap<>();
        read.header().forEach(name -> header.putIfAbsent(HeaderNames.normalise(name), name));
        requireColumns(contract, header, sourceFile);
        SparkDeliveryCheck.Checked checked = new SparkDeliveryCheck(spark, reportingCurrency).check(contract, header, read);
        List<Row> problems = checked.quarantine().orderBy("line_number", "column_name").collectAsList();
        problems.forEach(row -> quarantine.add(new QuarantineRow(contract.entity(), sourceFile, row.getLong(0),
                row.getString(1), row.getString(2), row.getString(3))));
        long quarantined = problems.stream().map(row -> row.getLong(0)).distinct().count();
        checked.quarantine().select("line_number").createOrReplaceTempView("quarantined_lines");
        Counts counts = accept(contract, sourceFile);
        if (read.records() != counts.loaded() + counts.updated() + counts.unchanged() + quarantined) {
            throw new IllegalStateException(sourceFile + ": " + read.records() + " rows read but " + counts.loaded()
                    + " loaded, " + counts.updated() + " updated, " + counts.unchanged() + " unchanged and " + quarantined
                    + " quarantined; a row would be lost");
        }
        archive(contract, sourceFile, DeliveryPipeline.checksum(file), read);
        return new Reconciliation(contract.entity(), sourceFile, read.records(), counts.loaded(), counts.updated(),
                counts.unchanged(), quarantined);
    }

    private static void requireColumns(LandingContract contract, Map<String, String> header, String sourceFile) {
        List<String> missing = contract.requiredColumns().stream().map(Column::sourceName)
                .filter(name -> !header.containsKey(HeaderNames.normalise(name))).toList();
        if (!missing.isEmpty()) {
            throw new MissingColumnException(sourceFile + ": required columns missing from the header (line 1): "
                    + String.join(", ", missing));
        }
    }

    private record Counts(long loaded, long updated, long unchanged) {
    }

    /**
     * As {@link AcceptedRows}: a row repeated within the delivery loads once, from its first line, its copies count as
     * unchanged; a row equal to a landed one is unchanged, a known key with other values updated, else loaded.
     */
    private Counts accept(LandingContract contract, String sourceFile) {
        List<String> names = contract.columns().stream().map(Column::name).toList();
        String nameList = String.join(", ", names);
        List<String> key = contract.naturalKey();
        String landed = contract.table();
        String classified = "select accepted.*, case when same._same then 'unchanged' when "
                + (key.isEmpty() ? "false" : "known._known") + " then 'updated' else 'loaded' end as _outcome"
                + " from (select " + nameList + ", min(_line_number) as _line_number, count(*) as _copies from typed"
                + " where _line_number not in (select line_number from quarantined_lines) group by " + nameList + ") as accepted"
                + " left join (select distinct " + nameList + ", true as _same from " + landed + ") as same on "
                + QuarantineRules.sameValues("accepted", "same", names)
                + (key.isEmpty() ? "" : " left join (select distinct " + String.join(", ", key) + ", true as _known from "
                        + landed + ") as known on " + QuarantineRules.sameValues("accepted", "known", key));
        Dataset<Row> rows = spark.sql(classified).cache();
        Row counts = rows.selectExpr("coalesce(sum(case when _outcome = 'loaded' then 1 else 0 end), 0)",
                "coalesce(sum(case when _outcome = 'updated' then 1 else 0 end), 0)",
                "coalesce(sum(case when _outcome = 'unchanged' then _copies else _copies - 1 end), 0)").first();
        StringJoiner landedColumns = new StringJoiner(", ");
        names.forEach(landedColumns::add);
        rows.where("_outcome <> 'unchanged'")
                .withColumn("_source_file", functions.lit(sourceFile))
                .selectExpr((landedColumns + ", _source_file, _line_number").split(", "))
                .write().mode(SaveMode.Append).parquet(landedFolder(contract).toString());
        spark.read().parquet(landedFolder(contract).toString()).createOrReplaceTempView(landed);
        rows.unpersist();
        return new Counts(counts.getLong(0), counts.getLong(1), counts.getLong(2));
    }

    private Path landedFolder(LandingContract contract) {
        return workDir.resolve(contract.table());
    }

    /** An empty {@code landed_<entity>} with the contract's columns, as a first night's build file has it. */
    private void emptyLanded(LandingContract contract) {
        List<StructField> fields = new ArrayList<>();
        for (Column column : contract.columns()) {
            fields.add(DataTypes.createStructField(column.name(),
                    org.apache.spark.sql.types.DataType.fromDDL(SparkDeliveryCheck.sparkType(column.type())), true));
        }
        fields.add(DataTypes.createStructField("_source_file", DataTypes.StringType, true));
        fields.add(DataTypes.createStructField("_line_number", DataTypes.LongType, true));
        spark.createDataFrame(List.of(), DataTypes.createStructType(fields))
                .write().mode(SaveMode.Overwrite).parquet(landedFolder(contract).toString());
        spark.read().parquet(landedFolder(contract).toString()).createOrReplaceTempView(contract.table());
    }

    /**
     * The rows as read, text, in the DuckDB archive's column order (the file's columns, {@code _line_number},
     * {@code _source_file}, {@code _checksum}), one Parquet file at {@link RawArchive#path}.
     */
    private void archive(LandingContract contract, String sourceFile, String checksum, SparkDeliveryRead.Read read) {
        if (rawFolder == null) {
            return;
        }
        Path target = new RawArchive(null, runDate, null, rawFolder).path(contract, sourceFile, checksum);
        List<String> columns = new ArrayList<>(read.header().stream().map(name -> "`" + name.replace("`", "``") + "`").toList());
        columns.add("_line_number");
        Dataset<Row> rows = read.rows().selectExpr(columns.toArray(String[]::new))
                .withColumn("_source_file", functions.lit(sourceFile))
                .withColumn("_checksum", functions.lit(checksum))
                .orderBy("_line_number");
        org.apache.hadoop.fs.Path writing = new org.apache.hadoop.fs.Path(target.getParent().resolve("_writing-" + target.getFileName()).toUri());
        try {
            rows.coalesce(1).write().mode(SaveMode.Overwrite).option("compression", "zstd").parquet(writing.toString());
            FileSystem fs = writing.getFileSystem(spark.sparkContext().hadoopConfiguration());
            org.apache.hadoop.fs.Path destination = new org.apache.hadoop.fs.Path(target.toUri());
            fs.delete(destination, false);
            for (FileStatus status : fs.listStatus(writing)) {
                if (status.getPath().getName().endsWith(".parquet") && !fs.rename(status.getPath(), destination)) {
                    throw new IOException("cannot rename " + status.getPath() + " to " + destination);
                }
            }
            fs.delete(writing, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot archive " + sourceFile + " as " + target, e);
        }
    }
}
