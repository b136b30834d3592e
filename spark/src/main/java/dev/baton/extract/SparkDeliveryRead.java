package dev.baton.extract;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * One landing CSV read by Spark into text columns plus {@code _line_number} (the file's line, as
 * {@link CsvLineNumbers} gives on DuckDB), and the records that could not be split (short or long row) as
 * (line_number, column_name, raw_line, reason), with {@link DeliveryReader}'s reasons.
 *
 * <p>Spark's CSV reader keeps no line numbers, so the file is read as lines first, each line numbered and prefixed
 * with its number as an extra first field, and the lines parsed by Spark's CSV parser, one record per line. The few
 * lines whose quotes do not close on the line ({@link CsvQuotes}) are resolved on the driver as DuckDB reads them
 * ({@link QuoteSpans}), or the delivery is left to DuckDB, as it is when a line holds bytes that are not UTF-8 or a
 * {@code \r} before its end.
 */
final class SparkDeliveryRead {

    static final String CORRUPT = "_corrupt";

    /** The delivery's text columns in header order, {@code _line_number}, and the rows Spark could not split. */
    record Read(List<String> header, char delimiter, Dataset<Row> rows, Dataset<Row> rejects, long records) {
    }

    private final SparkSession spark;

    SparkDeliveryRead(SparkSession spark) {
        this.spark = spark;
    }

    /**
     * @param columnName a header name as quarantine names its column (the contract's name where it maps)
     * @return null when a stray quote leaves records this read cannot tell as DuckDB does: DuckDB reads the file
     */
    Read read(Path file, UnaryOperator<String> columnName) {
        DeliveryReader.Header header = DeliveryReader.header(file, "utf-8");
        char delimiter = header.delimiter();
        // why lineSep: Spark's default line reader drops a CRLF line's \r, and a value whose quoted line break is \r\n
        // must keep it, as DuckDB's does; each line's own line end is cut off below (CsvQuotes.content)
        // why file://: a landing file is a local (or mounted) one, and a path without a scheme would be read on the
        // cluster's default file system (hdfs: on YARN); not toUri, whose %-escapes Hadoop's Path would escape again
        JavaRDD<String> text = spark.read().option("lineSep", "\n").textFile("file://" + file.toAbsolutePath()).javaRDD();
        // zipWithIndex numbers lines across partitions in file order: line 1 is the header
        JavaPairRDD<String, Long> numbered = text.zipWithIndex();
        List<QuoteSpans.Line> unclean = numbered
                .filter(line -> line._2() > 0 && !line._1().isBlank()
                        && CsvQuotes.scan(line._1(), delimiter, false).kind() != CsvQuotes.Kind.CLEAN)
                .map(line -> new QuoteSpans.Line(line._2() + 1, line._1()))
                .collect().stream().sorted(Comparator.comparingLong(QuoteSpans.Line::number)).toList();
        QuoteSpans.Resolved spans = unclean.isEmpty() ? QuoteSpans.Resolved.NONE
                : QuoteSpans.resolve(unclean, numbered, header.names(), delimiter, columnName);
        if (spans == null) {
            return null;
        }
        long[] taken = spans.taken();
        Dataset<String> lines = spark.createDataset(numbered
                .filter(line -> line._2() > 0 && !line._1().isBlank() && !QuoteSpans.Resolved.takes(taken, line._2() + 1))
                .map(line -> (line._2() + 1) + String.valueOf(delimiter) + CsvQuotes.content(line._1())).rdd(), Encoders.STRING());
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("_line_number", DataTypes.LongType, false));
        header.names().forEach(name -> fields.add(DataTypes.createStructField(name, DataTypes.StringType, true)));
        fields.add(DataTypes.createStructField(CORRUPT, DataTypes.StringType, true));
        Dataset<Row> parsed = spark.read().schema(DataTypes.createStructType(fields))
                .option("sep", String.valueOf(delimiter))
                .option("quote", "\"")
                .option("escape", "\"")
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", CORRUPT)
                .csv(lines)
                .cache();
        Dataset<Row> rows = parsed.where(CORRUPT + " is null").drop(CORRUPT);
        if (!spans.merged().isEmpty()) {
            rows = rows.union(spark.createDataFrame(spans.merged(), rows.schema()));
        }
        Dataset<Row> rejects = rejects(parsed.where(CORRUPT + " is not null").select(CORRUPT).as(Encoders.STRING())
                .collectAsList(), header.names(), delimiter, spans.rejects());
        return new Read(header.names(), delimiter, rows, rejects, parsed.count() + spans.records());
    }

    /**
     * The records whose field count is not the header's, with DuckDB's reasons and column (the first missing column
     * of a short row). They are few (a delivery with many is refused as mostly bad), so they are split on the driver.
     */
    private Dataset<Row> rejects(List<String> corrupt, List<String> header, char delimiter, List<Row> quoted) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get();
        List<Row> rows = new ArrayList<>(quoted);
        for (String prefixed : corrupt) {
            int cut = prefixed.indexOf(delimiter);
            long line = Long.parseLong(prefixed.substring(0, cut));
            String raw = prefixed.substring(cut + 1);
            int fields = fieldCount(format, raw);
            if (fields < header.size()) {
                rows.add(RowFactory.create(line, header.get(fields), raw, "short row: fewer columns than the header"));
            } else if (fields > header.size()) {
                rows.add(RowFactory.create(line, null, raw, "long row: more columns than the header"));
            } else {
                rows.add(RowFactory.create(line, null, raw, QuoteSpans.STRAY_QUOTE));
            }
        }
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("line_number", DataTypes.LongType, false),
                DataTypes.createStructField("column_name", DataTypes.StringType, true),
                DataTypes.createStructField("raw_line", DataTypes.StringType, true),
                DataTypes.createStructField("reason", DataTypes.StringType, false)));
        return spark.createDataFrame(rows, schema);
    }

    private static int fieldCount(CSVFormat format, String line) {
        try {
            List<CSVRecord> records = format.parse(new StringReader(line)).getRecords();
            return records.isEmpty() ? 0 : records.get(0).size();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
