package dev.baton.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.StringJoiner;

import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.SqlIdentifiers;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads one landing file into a temp table of text columns plus {@code _line_number} (the line the record starts
 * on; for Parquet the row number), and a {@code <table>_rejects} temp table of records that could not be split into
 * columns at all (short or long row, stray quote, bytes that are not the declared encoding), each with its line.
 * CSV: the header is read here (BOM, delimiter among {@code , ; TAB |}); DuckDB's sniffer gives up on dirty files,
 * so DuckDB reads with the dialect fixed and {@code store_rejects} instead of failing on the first bad line.
 */
final class DeliveryReader {

    private static final char[] DELIMITERS = {',', ';', '\t', '|'};

    private final Connection connection;

    DeliveryReader(Connection connection) {
        this.connection = connection;
    }

    static String format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return "csv";
        }
        if (name.endsWith(".jsonl")) {
            return "jsonl";
        }
        if (name.endsWith(".parquet")) {
            return "parquet";
        }
        throw new IllegalArgumentException(file + ": not a .csv, .jsonl or .parquet file");
    }

    /** @return the number of records read, good and rejected */
    long read(Path file, String table, String encoding) throws SQLException {
        return read(file, table, encoding, null).records();
    }

    /**
     * What a read found: how many records, good and rejected, and whether every record is known to sit on a line of
     * its own (a CSV file whose line count matches its rows), so that no value spans lines.
     */
    record Read(long records, boolean oneLinePerRecord) {
    }

    /** @param digest the file's digest when the caller has it (it saves a walk of a clean CSV file), else null */
    Read read(Path file, String table, String encoding, FileDigest digest) throws SQLException {
        SqlIdentifiers.require(table);
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + table);
            statement.execute("drop table if exists " + table + "_rejects");
            boolean oneLinePerRecord = false;
            switch (format(file)) {
                case "csv" -> oneLinePerRecord = readCsv(statement, file, table, encoding, digest);
                case "jsonl" -> readJsonLines(statement, file, table);
                default -> readParquet(statement, file, table);
            }
            try (ResultSet rows = statement.executeQuery(
                    "select (select count(*) from " + table + ") + (select count(*) from " + table + "_rejects)")) {
                rows.next();
                return new Read(rows.getLong(1), oneLinePerRecord);
            }
        } catch (SQLException e) {
            throw new SQLException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private boolean readCsv(Statement statement, Path file, String table, String encoding, FileDigest digest) throws SQLException {
        Header header = header(file, encoding);
        StringJoiner columns = new StringJoiner(", ", "{", "}");
        header.names().forEach(name -> columns.add(SqlIdentifiers.quoteLiteral(name) + ": 'VARCHAR'"));
        statement.execute("drop table if exists baton_csv_rejects");
        statement.execute("drop table if exists baton_csv_scans");
        statement.execute("create temp table " + table + "_read as select * from read_csv("
                + SqlIdentifiers.quoteLiteral(file.toString())
                + ", auto_detect = false, header = true, delim = " + SqlIdentifiers.quoteLiteral(String.valueOf(header.delimiter()))
                + ", quote = '\"', escape = '\"', encoding = " + SqlIdentifiers.quoteLiteral(encoding)
                + ", columns = " + columns
                + ", store_rejects = true, rejects_table = 'baton_csv_rejects', rejects_scan = 'baton_csv_scans')");
        return CsvLineNumbers.number(connection, file, header.delimiter(), table, REASON, digest);
    }

    /**
     * A row's position in a temp table filled in file order, counting from {@code first}: rowid, not row_number(), so
     * no window over the whole file; temp-table rowids need not start at 0.
     */
    private static String positionFrom(String table, int first) {
        return "rowid - (select min(rowid) from " + table + ") + " + first;
    }

    private static final String REASON = """
            case error_type
                when 'MISSING COLUMNS' then 'short row: fewer columns than the header'
                when 'TOO MANY COLUMNS' then 'long row: more columns than the header'
                when 'UNQUOTED VALUE' then 'stray quote: a value is not properly quoted'
                when 'INVALID ENCODING' then 'wrong encoding: bytes that are not the file''s declared encoding'
                else lower(error_type) || ': ' || error_message end""";

    /**
     * Each line is read as text first, so one malformed line is a rejected record with its line number instead of a
     * failed file: 0x1F, the field separator used, cannot appear raw in valid JSON. Blank lines are not records.
     */
    private void readJsonLines(Statement statement, Path file, String table) throws SQLException {
        statement.execute("create temp table " + table + "_text as select line from read_csv("
                + SqlIdentifiers.quoteLiteral(file.toString()) + ", columns = {'line': 'VARCHAR'}, delim = chr(31),"
                + " quote = '', escape = '', header = false, auto_detect = false)");
        String isObject = "(json_valid(line) and json_type(case when json_valid(line) then line end) = 'OBJECT')";
        statement.execute("create temp table " + table + "_lines as select line, " + isObject + " as is_object,"
                + " " + positionFrom(table + "_text", 1) + " as _line_number from " + table + "_text"
                + " where nullif(trim(line), '') is not null");
        statement.execute("drop table " + table + "_text");
        List<String> names = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("select name from (select unnest(json_keys(line)) as name, _line_number"
                + " from " + table + "_lines where is_object) as keys group by name order by min(_line_number), name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        StringJoiner columns = new StringJoiner(", ");
        // JSON Pointer (RFC 6901) addresses a key whatever characters it holds: ~ and / are its only escapes
        names.forEach(name -> columns.add("json_extract_string(line, " + SqlIdentifiers.quoteLiteral(
                "/" + name.replace("~", "~0").replace("/", "~1")) + ") as " + DuckDbFiles.quoteIdentifier(name)));
        statement.execute("create temp table " + table + " as select " + (names.isEmpty() ? "" : columns + ", ")
                + "_line_number from " + table + "_lines where is_object");
        statement.execute("create temp table " + table + "_rejects as select _line_number as line_number,"
                + " cast(null as varchar) as column_name, line as raw_line,"
                + " case when json_valid(line) then 'not a JSON object' else 'malformed JSON' end as reason, 1 as line_count from "
                + table + "_lines where not is_object");
        statement.execute("drop table " + table + "_lines");
    }

    private void readParquet(Statement statement, Path file, String table) throws SQLException {
        String source = "read_parquet(" + SqlIdentifiers.quoteLiteral(file.toString()) + ", file_row_number = true)";
        List<String> names = columnNames(statement, "select * exclude (file_row_number) from " + source + " limit 0");
        StringJoiner columns = new StringJoiner(", ");
        names.forEach(name -> columns.add("cast(" + DuckDbFiles.quoteIdentifier(name) + " as varchar) as " + DuckDbFiles.quoteIdentifier(name)));
        statement.execute("create temp table " + table + " as select " + columns + ", file_row_number + 1 as _line_number from "
                + source);
        statement.execute(emptyRejects(table));
    }

    private static String emptyRejects(String table) {
        return "create temp table " + table + "_rejects (line_number bigint, column_name varchar, raw_line varchar, reason varchar,"
                + " line_count integer)";
    }

    private static List<String> columnNames(Statement statement, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                names.add(rows.getMetaData().getColumnName(i));
            }
        }
        return names;
    }

    record Header(List<String> names, char delimiter) {
    }

    /** The first line of a CSV file: its column names and which delimiter separates them. */
    static Header header(Path file, String encoding) {
        String line = firstLine(file, javaCharset(encoding));
        if (line.isBlank()) {
            throw new IllegalArgumentException(file.getFileName() + ": line 1 is empty; a CSV delivery starts with a header row");
        }
        char delimiter = ',';
        int best = 0;
        for (char candidate : DELIMITERS) {
            int count = countOutsideQuotes(line, candidate);
            if (count > best) {
                best = count;
                delimiter = candidate;
            }
        }
        try {
            CSVRecord record = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).get()
                    .parse(new StringReader(line)).getRecords().get(0);
            List<String> names = record.toList();
            // why: DuckDB's column names ignore case, so 'Segment' and 'segment' cannot both be read
            Map<String, String> seen = new HashMap<>();
            for (String name : names) {
                String earlier = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
                if (earlier != null) {
                    throw new IllegalArgumentException(file.getFileName() + ": line 1 names column '" + name.toLowerCase(Locale.ROOT)
                            + "' twice ('" + earlier + "', '" + name + "'; names are matched ignoring case)");
                }
            }
            return new Header(names, delimiter);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException illegal && illegal.getMessage().contains("twice")) {
                throw illegal;
            }
            throw new IllegalArgumentException(file.getFileName() + ": cannot read the header on line 1: " + e.getMessage(), e);
        }
    }

    private static String firstLine(Path file, Charset charset) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(1 << 20);
            requireNotUtf16(file, head);
            int start = head.length >= 3 && (head[0] & 0xff) == 0xef && (head[1] & 0xff) == 0xbb && (head[2] & 0xff) == 0xbf ? 3 : 0;
            int end = start;
            while (end < head.length && head[end] != '\n') {
                end++;
            }
            String line = new String(head, start, end - start, charset);
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * A UTF-16 file (Excel's "Unicode text") reads as a NUL between every two characters: one line saying so beats a
     * rejected record per line.
     */
    private static void requireNotUtf16(Path file, byte[] head) {
        String found = null;
        if (head.length >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) {
            found = "UTF-16 little-endian (byte order mark FF FE)";
        } else if (head.length >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
            found = "UTF-16 big-endian (byte order mark FE FF)";
        } else {
            for (int i = 0; i < Math.min(head.length, 4096); i++) {
                if (head[i] == 0) {
                    found = "UTF-16 or another encoding with NUL bytes (byte " + (i + 1) + " is 0)";
                    break;
                }
            }
        }
        if (found != null) {
            throw new IllegalArgumentException(file.getFileName() + ": the file is " + found
                    + "; a CSV delivery must be UTF-8 (or the encoding its source mapping declares): save it as UTF-8 CSV");
        }
    }

    private static int countOutsideQuotes(String line, char candidate) {
        int count = 0;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == candidate && !quoted) {
                count++;
            }
        }
        return count;
    }

    /** The encodings a CSV delivery may declare (DuckDB's names), as Java charsets for reading the header line. */
    private static Charset javaCharset(String encoding) {
        return switch (encoding) {
            case "latin-1" -> StandardCharsets.ISO_8859_1;
            case "utf-8" -> StandardCharsets.UTF_8;
            default -> throw new IllegalArgumentException("Unsupported CSV encoding '" + encoding + "': use utf-8 or latin-1");
        };
    }
}
