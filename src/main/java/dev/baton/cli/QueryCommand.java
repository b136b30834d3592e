package dev.baton.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.WarehouseLayout;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run read-only SQL on the published warehouse and print the result.")
final class QueryCommand implements Callable<Integer> {

    @Option(names = "--warehouse", defaultValue = "${env:BATON_WAREHOUSE:-warehouse}",
            description = "Warehouse folder (default: ${DEFAULT-VALUE}).")
    Path warehouse;

    @Option(names = "--csv", description = "Print CSV instead of a table.")
    boolean csv;

    @Option(names = "--json", description = "Print a JSON array of row objects instead of a table.")
    boolean json;

    @Parameters(paramLabel = "SQL", description = "The query, e.g. \"select * from mart_cohort_nrr limit 5\".")
    String sql;

    @Override
    public Integer call() throws Exception {
        Path published = new WarehouseLayout(warehouse).publishedFile();
        if (!Files.exists(published)) {
            throw new IllegalArgumentException("No published warehouse at " + published + "; run `baton run` first");
        }
        if (csv && json) {
            throw new IllegalArgumentException("--csv and --json exclude each other");
        }
        try (Connection connection = DuckDbFiles.openReadOnly(published);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            Result result = Result.of(rows);
            if (json) {
                printJson(result, System.out);
            } else if (csv) {
                printCsv(result, System.out);
            } else {
                printTable(result, System.out);
            }
        }
        return BatonCli.OK;
    }

    record Result(List<String> columns, List<Boolean> numeric, List<List<String>> rows) {

        static Result of(ResultSet resultSet) throws Exception {
            ResultSetMetaData metaData = resultSet.getMetaData();
            List<String> columns = new ArrayList<>();
            List<Boolean> numeric = new ArrayList<>();
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                columns.add(metaData.getColumnLabel(i));
                numeric.add(isNumeric(metaData.getColumnType(i)));
            }
            List<List<String>> rows = new ArrayList<>();
            while (resultSet.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(resultSet.getString(i));
                }
                rows.add(row);
            }
            return new Result(columns, numeric, rows);
        }

        private static boolean isNumeric(int type) {
            return switch (type) {
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                        Types.FLOAT, Types.REAL, Types.DOUBLE -> true;
                default -> false;
            };
        }
    }

    static void printTable(Result result, PrintStream out) {
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
            out.println(line(row.stream().map(QueryCommand::display).toList(), widths, result.numeric()));
        }
        out.println("(" + result.rows().size() + " row" + (result.rows().size() == 1 ? "" : "s") + ")");
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

    /** Numbers stay numbers (exact decimals, never doubles rounded by a parser); everything else is a string. */
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
        out.println(JsonMapper.builder().build().writeValueAsString(rows));
    }

    /** Text cells starting with = + - @ are prefixed with ' so a spreadsheet never runs them as formulas. */
    static void printCsv(Result result, PrintStream out) throws Exception {
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
    }
}
