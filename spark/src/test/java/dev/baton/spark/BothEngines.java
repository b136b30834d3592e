package dev.baton.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.baton.cli.BatonCli;
import dev.baton.modeling.ModelCatalog;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.ProjectFiles;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import picocli.CommandLine;

/**
 * One night run on both engines: the app's nightly job on DuckDB (in process, published warehouse), then its input
 * tables exported to Parquet with DuckDB's COPY, and every model run on Spark over them.
 */
final class BothEngines {

    static final List<String> LAYERS = List.of("staging", "core", "marts", "bi");

    /** Tests run from the repository root (surefire workingDirectory), where sql/ is. */
    static final Path PROJECT = Path.of(".");

    final ModelCatalog catalog = ModelCatalog.load(new ProjectFiles(PROJECT));
    final Path warehouse;
    final Path sparkInput;
    final Path sparkOutput;
    final List<SparkModels.Built> built;

    private BothEngines(Path workspace, Path landing, String runDate, String... settings) throws Exception {
        warehouse = workspace.resolve("warehouse");
        sparkInput = workspace.resolve("spark-input");
        sparkOutput = workspace.resolve("spark-output");
        String[] run = {"run", "--landing", landing.toString(), "--warehouse", warehouse.toString(), "--run-date", runDate,
                "--project-dir", PROJECT.toString()};
        int exitCode = BatonCli.execute(Stream.concat(Stream.of(run), Stream.of(settings)).toArray(String[]::new));
        assertThat(exitCode).as("the nightly job on DuckDB").isZero();
        exportInputs();
        // the spark-submit entry point, on the shared local session
        SharedSpark.session();
        int models = new CommandLine(new BatonSpark()).execute("models", "--input", sparkInput.toString(),
                "--output", sparkOutput.toString(), "--project-dir", PROJECT.toString());
        assertThat(models).as("baton-spark models").isZero();
        built = catalog.definitionsInLayers(LAYERS).stream()
                .map(model -> new SparkModels.Built(model.name(), model.layer(), !model.isView(),
                        model.isView() ? null : sparkOutput.resolve(model.name()), SparkModels.inLake(model), null))
                .toList();
    }

    static BothEngines run(Path workspace, Path landing, String runDate, String... settings) throws Exception {
        return new BothEngines(workspace, landing, runDate, settings);
    }

    private Connection duckDb() throws SQLException {
        return published(warehouse);
    }

    /** The models of {@link #LAYERS} whose published rows differ between two warehouses (checking a mart has rows). */
    static List<String> modelsWithOtherRows(Path duckDbWarehouse, Path sparkWarehouse) throws SQLException {
        ModelCatalog catalog = ModelCatalog.load(new ProjectFiles(PROJECT));
        List<String> differing = new ArrayList<>();
        try (Connection duckDb = published(duckDbWarehouse); Connection spark = published(sparkWarehouse)) {
            for (ModelCatalog.Definition model : catalog.definitionsInLayers(LAYERS)) {
                if (!duckDbRows(spark, model.name()).equals(duckDbRows(duckDb, model.name()))) {
                    differing.add(model.name());
                }
            }
            org.assertj.core.api.Assertions.assertThat(duckDbRows(spark, "mart_mrr_bridge")).as("a mart with rows").isNotEmpty();
        }
        return differing;
    }

    /** A read-only connection to a published warehouse, for many questions in a row. */
    static Connection published(Path warehouse) throws SQLException {
        return DuckDbFiles.openReadOnly(warehouse.resolve("warehouse.duckdb"));
    }

    /** Column name and DuckDB type of a table or view in a published warehouse. */
    static List<String> duckDbColumns(Connection connection, String model) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                        "select column_name, data_type from information_schema.columns where table_name = ? order by ordinal_position")) {
            query.setString(1, model);
            try (ResultSet resultSet = query.executeQuery()) {
                while (resultSet.next()) {
                    columns.add(resultSet.getString(1) + " " + resultSet.getString(2));
                }
            }
        }
        return columns;
    }

    private void exportInputs() throws SQLException, IOException {
        try (Connection connection = duckDb(); Statement statement = connection.createStatement()) {
            for (String table : catalog.inputTables()) {
                Path folder = Files.createDirectories(sparkInput.resolve(table));
                statement.execute("copy (select * from " + table + ") to '" + folder.resolve("part-0.parquet") + "' (format parquet)");
            }
        }
    }

    /** The model's rows on Spark: a table from its Parquet folder, a view from the session it was registered in. */
    Dataset<Row> onSpark(String model) {
        SparkSession spark = SharedSpark.session();
        return built.stream().filter(b -> b.name().equals(model) && b.isTable()).findFirst()
                .map(table -> SparkModels.read(spark, table.location()))
                .orElseGet(() -> spark.table(model));
    }

    /** Column name and type as Spark writes it (simpleString: decimal(18,6), bigint, string, ...). */
    static List<String> sparkColumns(Dataset<Row> rows) {
        List<String> columns = new ArrayList<>();
        for (StructField field : rows.schema().fields()) {
            columns.add(field.name() + " " + field.dataType().simpleString());
        }
        return columns;
    }

    /** Column name and the Spark type the DuckDB type must be, mapped explicitly; an unmapped type says so. */
    static List<String> duckDbColumnsAsSpark(Connection connection, String model) throws SQLException {
        return duckDbColumns(connection, model).stream().map(column -> {
            int space = column.indexOf(' ');
            return column.substring(0, space) + " " + sparkTypeOf(column.substring(space + 1));
        }).toList();
    }

    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");

    static String sparkTypeOf(String duckDbType) {
        Matcher decimal = DECIMAL.matcher(duckDbType);
        if (decimal.matches()) {
            return "decimal(" + decimal.group(1) + "," + decimal.group(2) + ")";
        }
        return switch (duckDbType) {
            case "VARCHAR" -> "string";
            case "BIGINT" -> "bigint";
            case "INTEGER" -> "int";
            case "SMALLINT" -> "smallint";
            case "DATE" -> "date";
            case "TIMESTAMP WITH TIME ZONE" -> "timestamp";
            case "TIMESTAMP" -> "timestamp_ntz";
            case "BOOLEAN" -> "boolean";
            case "DOUBLE" -> "double";
            default -> "<DuckDB " + duckDbType + " has no Spark counterpart>";
        };
    }

    /**
     * The Spark extract's night has DuckDB's quarantine and reconciliation, and the landing's two bad tickets
     * ({@code SparkStandaloneClusterTests.addBadTickets}), by hand: one quarantine row per rejected value.
     */
    static void sameQuarantineAndReconciliationWithTheTwoBadTickets(Path duckDbNight, Path sparkNight) throws SQLException {
        try (Connection duckDb = published(duckDbNight); Connection spark = published(sparkNight)) {
            assertThat(duckDbRows(spark, "quarantine")).isEqualTo(duckDbRows(duckDb, "quarantine"));
            assertThat(duckDbRows(spark, "load_reconciliation")).isEqualTo(duckDbRows(duckDb, "load_reconciliation"));
            assertThat(duckDbRows(spark, "(select column_name, raw_value from quarantine where entity = 'tickets')"))
                    .containsExactly("created_at | not-a-date", "csat_score | five");
        }
    }

    /** Every row of a model on DuckDB, each cell normalised, sorted: a multiset to compare. */
    static List<String> duckDbRows(Connection connection, String model) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("select * from " + model)) {
            int columns = resultSet.getMetaData().getColumnCount();
            while (resultSet.next()) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    cells.add(normalised(resultSet.getObject(i)));
                }
                rows.add(String.join(" | ", cells));
            }
        }
        rows.sort(Comparator.naturalOrder());
        return rows;
    }

    static List<String> sparkRows(Dataset<Row> dataset) {
        List<String> rows = new ArrayList<>();
        for (Row row : dataset.collectAsList()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                cells.add(normalised(row.get(i)));
            }
            rows.add(String.join(" | ", cells));
        }
        rows.sort(Comparator.naturalOrder());
        return rows;
    }

    /** Numbers to 6 decimal places, instants as UTC, dates as ISO, NULL as ∅: the same value prints the same. */
    static String normalised(Object value) {
        if (value == null) {
            return "∅";
        }
        if (value instanceof BigDecimal decimal) {
            return rounded(decimal);
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            // 12 significant digits first: a sum taken in another order differs in the last bits, and must not flip
            // the 6th place of a value that is exactly on a half (13.6578125)
            return Double.isFinite(number) ? rounded(new BigDecimal(number).round(new MathContext(12))) : Double.toString(number);
        }
        if (value instanceof OffsetDateTime timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof ZonedDateTime timestamp) {
            return timestamp.toInstant().toString();
        }
        if (value instanceof Instant instant) {
            return instant.toString();
        }
        if (value instanceof Timestamp timestamp) {
            return "java.sql.Timestamp is ambiguous: " + timestamp;
        }
        if (value instanceof Date date) {
            return date.toLocalDate().toString();
        }
        return value.toString();
    }

    private static String rounded(BigDecimal number) {
        BigDecimal scaled = number.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        return scaled.signum() == 0 ? "0" : scaled.toPlainString();
    }

    /** Differences between the engines for one model, empty when they agree; never agrees on no rows. */
    List<String> differences(Connection duckDb, String model) throws SQLException {
        List<String> problems = new ArrayList<>();
        Dataset<Row> spark = onSpark(model);
        List<String> sparkColumns = sparkColumns(spark);
        List<String> duckColumns = duckDbColumnsAsSpark(duckDb, model);
        if (!sparkColumns.equals(duckColumns)) {
            for (int i = 0; i < Math.max(sparkColumns.size(), duckColumns.size()); i++) {
                String duck = i < duckColumns.size() ? duckColumns.get(i) : "(none)";
                String onSpark = i < sparkColumns.size() ? sparkColumns.get(i) : "(none)";
                if (!duck.equals(onSpark)) {
                    problems.add(model + " column " + (i + 1) + ": DuckDB " + duck + " but Spark " + onSpark);
                }
            }
        }
        List<String> duckRows = duckDbRows(duckDb, model);
        List<String> sparkRows = sparkRows(spark);
        if (duckRows.isEmpty() || sparkRows.isEmpty()) {
            problems.add(model + ": no rows (DuckDB " + duckRows.size() + ", Spark " + sparkRows.size()
                    + ") - a comparison of nothing proves nothing");
        } else if (!duckRows.equals(sparkRows)) {
            problems.add(model + ": rows differ (DuckDB " + duckRows.size() + ", Spark " + sparkRows.size() + "); only on DuckDB: "
                    + firstFew(minus(duckRows, sparkRows)) + "; only on Spark: " + firstFew(minus(sparkRows, duckRows)));
        }
        return problems;
    }

    private static List<String> minus(List<String> rows, List<String> other) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        other.forEach(row -> counts.merge(row, 1, Integer::sum));
        List<String> left = new ArrayList<>();
        for (String row : rows) {
            if (counts.getOrDefault(row, 0) > 0) {
                counts.merge(row, -1, Integer::sum);
            } else {
                left.add(row);
            }
        }
        return left;
    }

    private static String firstFew(List<String> rows) {
        return rows.size() + " rows " + rows.subList(0, Math.min(3, rows.size()));
    }
}
