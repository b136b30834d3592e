package dev.baton.extract;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import dev.baton.extract.LandingContract.Column;
import dev.baton.warehouse.SqlIdentifiers;

/**
 * Loads one CSV file of one entity, set-based inside DuckDB: read as text, type every column with TRY_CAST,
 * send every row with a missing, unparseable or rule-breaking value to quarantine, load the rest, and record
 * the reconciliation. Rows read = rows loaded + rows quarantined, or the load fails.
 */
final class CsvDeliveryLoader {

    /** Counts for one file; {@code firstProblems} names the first quarantined lines for error messages. */
    record Delivery(String entity, String sourceFile, long rowsRead, long rowsLoaded, long rowsQuarantined,
            List<String> firstProblems) {
    }

    private final Connection connection;
    private final LocalDate runDate;

    CsvDeliveryLoader(Connection connection, LocalDate runDate) {
        this.connection = connection;
        this.runDate = runDate;
    }

    Delivery load(LandingContract contract, Path file) throws SQLException {
        String sourceFile = file.getFileName().toString();
        try (Statement statement = connection.createStatement()) {
            statement.execute("create or replace temp table incoming as select * from read_csv("
                    + SqlIdentifiers.quoteLiteral(file.toString()) + ", header = true, all_varchar = true)");
            Map<String, String> header = headerColumns(statement);
            requireColumns(contract, header, sourceFile);
            statement.execute(typedSelect(contract, header));
        } catch (SQLException e) {
            throw new SQLException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        quarantine(contract, sourceFile);
        long loaded = insertLoaded(contract, sourceFile);
        long read = count("select count(*) from typed");
        long quarantined = countQuarantinedLines(contract.entity(), sourceFile);
        if (read != loaded + quarantined) {
            throw new IllegalStateException(sourceFile + ": " + read + " rows read but " + loaded + " loaded and "
                    + quarantined + " quarantined; a row would be lost");
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into load_reconciliation values (?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, runDate);
            insert.setString(2, contract.entity());
            insert.setString(3, sourceFile);
            insert.setLong(4, read);
            insert.setLong(5, loaded);
            insert.setLong(6, quarantined);
            insert.executeUpdate();
        }
        return new Delivery(contract.entity(), sourceFile, read, loaded, quarantined, firstProblems(contract.entity(), sourceFile));
    }

    /** Header names matched case-insensitively and trimmed; value = the name as written in the file. */
    private static Map<String, String> headerColumns(Statement statement) throws SQLException {
        Map<String, String> header = new LinkedHashMap<>();
        try (ResultSet rows = statement.executeQuery("select * from incoming limit 0")) {
            ResultSetMetaData metaData = rows.getMetaData();
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                String name = metaData.getColumnName(i);
                header.put(name.trim().toLowerCase(Locale.ROOT), name);
            }
        }
        return header;
    }

    private static void requireColumns(LandingContract contract, Map<String, String> header, String sourceFile) {
        List<String> missing = contract.requiredColumns().stream()
                .map(Column::name)
                .filter(name -> !header.containsKey(name))
                .toList();
        if (!missing.isEmpty()) {
            throw new MissingColumnException(sourceFile + ": required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " missing from the header (line 1); the header has "
                    + String.join(", ", header.values()));
        }
    }

    private static String typedSelect(LandingContract contract, Map<String, String> header) {
        StringJoiner columns = new StringJoiner(",\n    ");
        // rowids of a freshly created table are consecutive in file order; +2 skips the header line.
        columns.add("rowid - (select min(rowid) from incoming) + 2 as _line_number");
        for (Column column : contract.columns()) {
            String fileName = header.get(column.name());
            String raw = fileName == null ? "cast(null as varchar)" : "nullif(trim(" + quoteIdentifier(fileName) + "), '')";
            columns.add(raw + " as " + column.name() + "__raw");
            columns.add(column.isText() ? raw + " as " + column.name()
                    : "try_cast(" + raw + " as " + column.type() + ") as " + column.name());
        }
        return "create or replace temp table typed as select\n    " + columns + "\nfrom incoming";
    }

    private void quarantine(LandingContract contract, String sourceFile) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (Column column : contract.columns()) {
            String name = column.name();
            if (column.required()) {
                problems.add(problem(name, name + "__raw is null", "'missing required value'"));
            }
            if (!column.isText()) {
                problems.add(problem(name, name + "__raw is not null and " + name + " is null",
                        SqlIdentifiers.quoteLiteral("not " + column.expectation())));
            }
        }
        for (LandingContract.Rule rule : contract.rules()) {
            problems.add(problem(rule.column(), "(" + rule.expression() + ") = false",
                    SqlIdentifiers.quoteLiteral("breaks rule " + rule.expression())));
        }
        String sql = "insert into quarantine select ?, ?, ?, line_number, column_name, raw_value, reason from ("
                + String.join("\nunion all\n", problems) + ")";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setObject(1, runDate);
            insert.setString(2, contract.entity());
            insert.setString(3, sourceFile);
            insert.executeUpdate();
        }
    }

    private static String problem(String column, String condition, String reasonLiteral) {
        return "select _line_number as line_number, '" + column + "' as column_name, " + column
                + "__raw as raw_value, " + reasonLiteral + " as reason from typed where " + condition;
    }

    private long insertLoaded(LandingContract contract, String sourceFile) throws SQLException {
        StringJoiner names = new StringJoiner(", ");
        contract.columns().forEach(column -> names.add(column.name()));
        String sql = "insert into " + contract.table() + " (" + names + ", _source_file, _line_number)\n"
                + "select " + names + ", ?, _line_number from typed\n"
                + "where not exists (select 1 from quarantine q where q.run_date = ? and q.entity = ? and q.source_file = ?"
                + " and q.line_number = typed._line_number)";
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, sourceFile);
            insert.setObject(2, runDate);
            insert.setString(3, contract.entity());
            insert.setString(4, sourceFile);
            return insert.executeUpdate();
        }
    }

    private long countQuarantinedLines(String entity, String sourceFile) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select count(distinct line_number) from quarantine where run_date = ? and entity = ? and source_file = ?")) {
            query.setObject(1, runDate);
            query.setString(2, entity);
            query.setString(3, sourceFile);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private List<String> firstProblems(String entity, String sourceFile) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select line_number, column_name, raw_value, reason from quarantine
                where run_date = ? and entity = ? and source_file = ?
                order by line_number, column_name limit 5""")) {
            query.setObject(1, runDate);
            query.setString(2, entity);
            query.setString(3, sourceFile);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String value = rows.getString(3);
                    problems.add("line " + rows.getLong(1) + " column " + rows.getString(2)
                            + (value == null ? "" : " '" + value + "'") + ": " + rows.getString(4));
                }
            }
        }
        return problems;
    }

    private long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
