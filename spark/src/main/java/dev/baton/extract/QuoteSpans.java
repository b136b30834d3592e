package dev.baton.extract;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;

/**
 * What the stray quotes of one delivery do to its records, worked out on the driver from the few lines
 * {@link CsvQuotes} did not find clean, with the reasons DuckDB gives for the same lines ({@link CsvLineNumbers},
 * {@link LineSpans}):
 * <ul>
 * <li>a quote opened on line a and closed on line b, the lines between without quotes, the whole a proper record:
 *     that record is read (typed, checked, archived under line a, as DuckDB reads it) and every line a..b quarantined
 *     with {@code line break inside the quoted value of <column>, which is not free text: lines a-b ...};</li>
 * <li>a quote opened on line a and never closed, no quote after it: every line from a to the last one quarantined
 *     with {@code unclosed quote: the quoted value opened on line a does not close before line z ...};</li>
 * <li>a closing quote followed by text ({@code "stray"x}): that line quarantined with {@code stray quote: ...}.</li>
 * </ul>
 * Anything else (a quote inside an unquoted value, quotes between the two lines of a span, a span that does not make
 * one record of the header's width, a line {@link CsvQuotes.Kind#UNSURE}) is left to DuckDB: {@link #resolve} returns
 * null and the delivery is read there.
 */
final class QuoteSpans {

    static final String STRAY_QUOTE = "stray quote: a value is not properly quoted";

    /**
     * @param taken line ranges (first, last, first, last, ...) left out of the line-by-line read
     * @param merged records read from several lines: {@code _line_number} then the header's values
     * @param rejects quarantine rows (line_number, column_name, raw_line, reason) for every line taken
     * @param records the records the lines taken count for (each line one, as DuckDB counts them)
     */
    record Resolved(long[] taken, List<Row> merged, List<Row> rejects, long records) {

        static final Resolved NONE = new Resolved(new long[0], List.of(), List.of(), 0);

        /** Whether this line (1-based) is one of the lines taken. */
        static boolean takes(long[] taken, long line) {
            for (int i = 0; i < taken.length; i += 2) {
                if (line >= taken[i] && line <= taken[i + 1]) {
                    return true;
                }
            }
            return false;
        }
    }

    private QuoteSpans() {
    }

    /**
     * @param unclean the lines not clean on their own, (line number, text), in file order
     * @param lines every line of the file, (text, 0-based index), for the few more this needs
     * @param columnName a header name as {@link LineSpans} names its column (the contract's name where it maps)
     */
    static Resolved resolve(List<Line> unclean, JavaPairRDD<String, Long> lines, List<String> header, char delimiter,
            UnaryOperator<String> columnName) {
        List<Long> taken = new ArrayList<>();
        List<Row> merged = new ArrayList<>();
        List<Row> rejects = new ArrayList<>();
        long records = 0;
        for (int i = 0; i < unclean.size(); i++) {
            Line line = unclean.get(i);
            CsvQuotes.Scan scan = CsvQuotes.scan(line.text(), delimiter, false);
            // why the even count: past the stray text DuckDB's reader goes on, and an odd quote would open a value there
            if (scan.kind() == CsvQuotes.Kind.TEXT_AFTER_CLOSE && line.text().chars().filter(c -> c == '"').count() % 2 == 0) {
                rejects.add(RowFactory.create(line.number(), column(header, scan.field()), CsvQuotes.content(line.text()),
                        STRAY_QUOTE));
                taken.add(line.number());
                taken.add(line.number());
                records++;
                continue;
            }
            if (scan.kind() != CsvQuotes.Kind.OPEN) {
                return null;
            }
            long first = line.number();
            if (i + 1 == unclean.size()) {
                // why every line, blank ones too: they are inside the open value, and DuckDB's record ends with the file
                long last = lines.count();
                if (quotedLines(lines, first, last + 1) > 0) {
                    return null;
                }
                String reason = "unclosed quote: the quoted value opened on line " + first + " does not close before line "
                        + last + ", so those lines were read as one record";
                for (long number = first; number <= last; number++) {
                    rejects.add(RowFactory.create(number, column(header, scan.field()),
                            number == first ? CsvQuotes.content(line.text()) : null, reason));
                }
                taken.add(first);
                taken.add(last);
                records += last - first + 1;
                break;
            }
            Line closing = unclean.get(++i);
            long last = closing.number();
            if (CsvQuotes.scan(closing.text(), delimiter, true).kind() != CsvQuotes.Kind.CLEAN
                    || quotedLines(lines, first, last) > 0) {
                return null;
            }
            // why the lines as read: in a CRLF file the value holds the \r\n of its line breaks, as DuckDB's does
            StringBuilder text = new StringBuilder(line.text());
            for (String between : between(lines, first, last)) {
                text.append('\n').append(between);
            }
            text.append('\n').append(CsvQuotes.content(closing.text()));
            List<String> values = record(text.toString(), delimiter);
            if (values == null || values.size() != header.size()) {
                return null;
            }
            String broken = null;
            for (int column = 0; column < header.size() && broken == null; column++) {
                broken = values.get(column).indexOf('\n') >= 0 ? columnName.apply(header.get(column)) : null;
            }
            Object[] row = new Object[header.size() + 1];
            row[0] = first;
            for (int column = 0; column < header.size(); column++) {
                row[column + 1] = values.get(column);
            }
            merged.add(RowFactory.create(row));
            String reason = "line break inside the quoted value of " + broken + ", which is not free text: lines " + first
                    + "-" + last + " were read as one record (a stray quote?)";
            for (long number = first; number <= last; number++) {
                rejects.add(RowFactory.create(number, broken, null, reason));
            }
            taken.add(first);
            taken.add(last);
            records += last - first + 1;
        }
        return new Resolved(taken.stream().mapToLong(Long::longValue).toArray(), merged, rejects, records);
    }

    /** A line of the file: its number (1-based) and text. */
    record Line(long number, String text) implements Serializable {
    }

    private static String column(List<String> header, int field) {
        return field < header.size() ? header.get(field) : null;
    }

    /** Lines strictly after {@code first} up to {@code end} (exclusive) holding a quote. */
    private static long quotedLines(JavaPairRDD<String, Long> lines, long first, long end) {
        return lines.filter(l -> l._2() + 1 > first && l._2() + 1 < end && l._1().indexOf('"') >= 0).count();
    }

    /** The lines strictly between two line numbers, in file order (blank ones too: they are inside the value). */
    private static List<String> between(JavaPairRDD<String, Long> lines, long first, long last) {
        return lines.filter(l -> l._2() + 1 > first && l._2() + 1 < last).mapToPair(l -> new Tuple2<>(l._2(), l._1()))
                .sortByKey(true).values().collect();
    }

    private static List<String> record(String text, char delimiter) {
        try {
            // why the null string: an empty field is null on both readers (Spark's CSV parser and DuckDB's read_csv)
            List<CSVRecord> records = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setNullString("").get()
                    .parse(new StringReader(text)).getRecords();
            return records.size() == 1 ? records.get(0).toList() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
