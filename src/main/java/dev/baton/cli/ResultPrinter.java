package dev.baton.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.json.JsonMapper;

/** Prints query results as an aligned table, CSV or JSON — the one formatter of {@code baton query} and {@code baton shell}. */
final class ResultPrinter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ResultPrinter() {
    }

    enum Format {
        TABLE, CSV, JSON;

        static Format parse(String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown format '" + name.strip() + "'; use table, csv or json");
            }
        }
    }

    /** @param tableScales per column, the decimals a table shows (null: as the value comes); CSV and JSON ignore it */
    record Result(List<String> columns, List<Boolean> numeric, List<List<String>> rows, List<Integer> tableScales) {

        Result(List<String> columns, List<Boolean> numeric, List<List<String>> rows) {
            this(columns, numeric, rows, Collections.nCopies(columns.size(), null));
        }

        static Result of(ResultSet resultSet) throws SQLException {
            ResultSetMetaData metaData = resultSet.getMetaData();
            List<String> columns = new ArrayList<>();
            List<Boolean> numeric = new ArrayList<>();
            List<Integer> scales = new ArrayList<>();
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                columns.add(metaData.getColumnLabel(i));
                numeric.add(isNumeric(metaData.getColumnType(i)));
                scales.add(TableNumbers.scale(metaData.getColumnLabel(i), metaData.getColumnType(i)));
            }
            List<List<String>> rows = new ArrayList<>();
            while (resultSet.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(metaData.getColumnType(i) == Types.TIMESTAMP_WITH_TIMEZONE ? instant(resultSet, i) : resultSet.getString(i));
                }
                rows.add(row);
            }
            return new Result(columns, numeric, rows, scales);
        }

        /**
         * An instant as ISO-8601 UTC. The driver's own text for TIMESTAMPTZ goes through the JVM's zone and is an hour off
         * on some daylight-saving days (DuckDB JDBC 2.0.0.0: 14:45Z on 2024-11-03 printed as 06:45-07:00 in Los Angeles).
         */
        private static String instant(ResultSet resultSet, int column) throws SQLException {
            Timestamp timestamp = resultSet.getTimestamp(column);
            return timestamp == null ? null : timestamp.toInstant().toString();
        }

        private static boolean isNumeric(int type) {
            return switch (type) {
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                        Types.FLOAT, Types.REAL, Types.DOUBLE -> true;
                default -> false;
            };
        }
    }

    static void print(Result result, Format format, PrintStream out) {
        switch (format) {
            case TABLE -> printTable(result, out);
            case CSV -> printCsv(result, out);
            case JSON -> printJson(result, out);
        }
    }

    static void printTable(Result unrounded, PrintStream out) {
        Result result = rounded(unrounded);
        int[] widths = new int[result.columns().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = result.columns().get(i).length();
            for (List<String> row : result.rows()) {
                widths[i] = Math.max(widths[i], display(row.get(i)).length());
            }
        }
        out.println(line(result.columns(), widths, result.numeric()));
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append(rule.length() == 0 ? "" : "-+-").append("-".repeat(width));
        }
        out.println(rule);
        for (List<String> row : result.rows()) {
            out.println(line(row.stream().map(ResultPrinter::display).toList(), widths, result.numeric()));
        }
        out.println("(" + result.rows().size() + " row" + (result.rows().size() == 1 ? "" : "s") + ")");
    }

    /** The rows as a table shows them: money to cents, rates to six decimals ({@link TableNumbers}). */
    private static Result rounded(Result result) {
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row : result.rows()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                cells.add(TableNumbers.display(row.get(i), result.tableScales().get(i)));
            }
            rows.add(cells);
        }
        return new Result(result.columns(), result.numeric(), rows, result.tableScales());
    }

    private static String line(List<String> cells, int[] widths, List<Boolean> numeric) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String format = numeric.get(i) ? "%" + widths[i] + "s" : "%-" + widths[i] + "s";
            line.append(i == 0 ? "" : " | ").append(String.format(format, cells.get(i)));
        }
        return line.toString().stripTrailing();
    }

    private static String display(String value) {
        return value == null ? "NULL" : value;
    }

    /**
     * Numbers stay numbers (exact decimals, never doubles rounded by a parser); everything else is a string,
     * escaped by Jackson (quotes, backslashes, control characters).
     */
    static void printJson(Result result, PrintStream out) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (List<String> row : result.rows()) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                String value = row.get(i);
                boolean number = value != null && result.numeric().get(i) && !value.equalsIgnoreCase("nan") && !value.contains("nf");
                object.put(result.columns().get(i), number ? new BigDecimal(value) : value);
            }
            rows.add(object);
        }
        out.println(JSON.writeValueAsString(rows));
    }

    /** Text cells starting with = + - @ are prefixed with ' so a spreadsheet never runs them as formulas. */
    static void printCsv(Result result, PrintStream out) {
        try {
            CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
            printer.printRecord(result.columns());
            for (List<String> row : result.rows()) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < row.size(); i++) {
                    String value = row.get(i);
                    boolean formulaLike = value != null && !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0;
                    cells.add(formulaLike && !result.numeric().get(i) ? "'" + value : value);
                }
                printer.printRecord(cells);
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
