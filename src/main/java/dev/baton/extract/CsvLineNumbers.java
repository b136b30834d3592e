package dev.baton.extract;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the rows DuckDB read from a CSV file ({@code <table>_read}, file order) and the records it rejected
 * ({@code baton_csv_rejects}) the line of the file each starts on, and each rejected record the number of lines it
 * spans: {@code <table>} gets {@code _line_number}, {@code <table>_rejects} is (line_number, column_name, raw_line,
 * reason, line_count). Blank lines, quoted values over several lines and rejected records before a row all move it
 * down; {@link RecordLines} walks the file once, so a file with many rejects costs what a clean one does (a join, no
 * correlated lookups). A file with no rejected record whose line count ({@link FileDigest}) is its rows plus the
 * header has none of these, so it is numbered by position without the walk.
 */
final class CsvLineNumbers {

    private static final Logger log = LoggerFactory.getLogger(CsvLineNumbers.class);

    private CsvLineNumbers() {
    }

    /**
     * @param digest the file's line count when known, else null: a file with no rejected record and one line per row
     *        is numbered by position without walking it
     * @return whether every record is known to sit on a line of its own (no value spans lines)
     */
    static boolean number(Connection connection, Path file, char delimiter, String table, String reasonSql, FileDigest digest)
            throws SQLException {
        boolean oneLinePerRecord;
        try (Statement statement = connection.createStatement()) {
            long good = count(statement, "select count(*) from " + table + "_read");
            List<Long> rejected = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("select distinct line from baton_csv_rejects order by line")) {
                while (rows.next()) {
                    rejected.add(rows.getLong(1));
                }
            }
            statement.execute("create temp table " + table + "_reject_lines (item bigint, line_number bigint, line_count integer)");
            oneLinePerRecord = rejected.isEmpty() && digest != null && digest.oneLinePerRecord(good);
            if (oneLinePerRecord) {
                // the usual case, and no walk of the file: a row's line is its position after the header
                numberByPosition(statement, table);
            } else {
                numberByWalk(connection, statement, file, delimiter, table, good, rejected);
            }
            String firstLine = "rtrim(split_part(ltrim(csv_line, chr(13) || chr(10)), chr(10), 1), chr(13))";
            statement.execute("create temp table " + table + "_rejects as select line_number, column_name, raw_line,"
                    + " case when line_count > 1 and reason like 'stray quote%' then 'unclosed quote: the quoted value opened on line '"
                    + " || line_number || ' does not close before line ' || (line_number + line_count - 1)"
                    + " || ', so those lines were read as one record' else reason end as reason, line_count from ("
                    + " select lines.line_number, lines.line_count, first(column_name order by column_idx) as column_name,"
                    + " first(" + firstLine + ") as raw_line, string_agg(distinct " + reasonSql + ", '; ') as reason"
                    + " from baton_csv_rejects inner join " + table + "_reject_lines as lines on lines.item = baton_csv_rejects.line"
                    + " group by lines.line_number, lines.line_count) order by line_number");
            statement.execute("drop table " + table + "_reject_lines");
        }
        return oneLinePerRecord;
    }

    private static void numberByWalk(Connection connection, Statement statement, Path file, char delimiter, String table,
            long good, List<Long> rejected) throws SQLException {
        RecordLines lines = RecordLines.scan(file, delimiter);
        Walk walk = walk(lines, rejected, null, null);
        boolean consistent = walk.good() == good && walk.rejects() == rejected.size();
        DuckDBConnection duckDb = connection.unwrap(DuckDBConnection.class);
        if (!consistent) {
            // why: never fail a delivery over line numbers; DuckDB split the file differently from the scan
            log.warn("{}: {} rows and {} rejected records read, but the file's lines give {} and {}; line numbers are"
                    + " approximate", file.getFileName(), good, rejected.size(), walk.good(), walk.rejects());
            statement.execute("insert into " + table + "_reject_lines select distinct line, line, 1 from baton_csv_rejects");
            numberByPosition(statement, table);
        } else if (walk.affine()) {
            // one record per line, so a row's line is its position after the header
            numberByPosition(statement, table);
            try (DuckDBAppender rejectLines = duckDb.createAppender("temp", "main", table + "_reject_lines")) {
                walk(lines, rejected, null, rejectLines);
            }
        } else {
            statement.execute("create temp table " + table + "_lines (position bigint, line_number bigint)");
            try (DuckDBAppender goodLines = duckDb.createAppender("temp", "main", table + "_lines");
                    DuckDBAppender rejectLines = duckDb.createAppender("temp", "main", table + "_reject_lines")) {
                walk(lines, rejected, goodLines, rejectLines);
            }
            statement.execute("create temp table " + table + " as select read.* exclude (_position), lines.line_number as _line_number"
                    + " from (select *, rowid - (select min(rowid) from " + table + "_read) + 1 as _position from " + table
                    + "_read) as read inner join " + table + "_lines as lines on lines.position = read._position order by read._position");
            statement.execute("drop table " + table + "_lines");
            statement.execute("drop table " + table + "_read");
        }
    }

    /**
     * {@code <table>_read} becomes {@code <table>} with {@code _line_number} = position + 1, numbered in place: adding
     * and filling one column costs a tenth of copying every column of the delivery into a second table.
     */
    private static void numberByPosition(Statement statement, String table) throws SQLException {
        // why default 0: a column added as null stays "may be null" after the update, and the raw archive would then
        // declare _line_number OPTIONAL where a copied table gave REQUIRED; with a default the Parquet is byte for byte
        // what the copy wrote
        statement.execute("alter table " + table + "_read add column _line_number bigint default 0");
        statement.execute("update " + table + "_read set _line_number = rowid - (select min(rowid) from " + table + "_read) + 2");
        statement.execute("alter table " + table + "_read rename to " + table);
    }

    /** How many good and rejected records the file's items hold, and whether good record k sits on line k + 1. */
    private record Walk(long good, long rejects, boolean affine) {
    }

    private static Walk walk(RecordLines lines, List<Long> rejected, DuckDBAppender goodLines, DuckDBAppender rejectLines)
            throws SQLException {
        long good = 0;
        int next = 0;
        boolean affine = true;
        for (long item = 2; item <= lines.items(); item++) {
            if (lines.blank(item)) {
                continue;
            }
            if (next < rejected.size() && rejected.get(next) == item) {
                next++;
                if (rejectLines != null) {
                    rejectLines.beginRow().append(item).append(lines.startLine(item)).append(lines.span(item)).endRow();
                }
                continue;
            }
            good++;
            if (lines.startLine(item) != good + 1) {
                affine = false;
            }
            if (goodLines != null) {
                goodLines.beginRow().append(good).append(lines.startLine(item)).endRow();
            }
        }
        return new Walk(good, next, affine);
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
