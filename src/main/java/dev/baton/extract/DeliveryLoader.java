package dev.baton.extract;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import dev.baton.extract.LandingContract.Column;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.SqlIdentifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one delivery of one entity, set-based inside DuckDB, from a temp table of text columns with
 * {@code _line_number} (a landing file, a mapping's SELECT or a JDBC read): type every column with TRY_CAST, send
 * every record that could not be split, or has a missing, unparseable or rule-breaking value, an ambiguous duplicate
 * key or an unknown reference to quarantine, and load the rest. A row identical to one already landed is counted as
 * unchanged and not loaded again, so re-delivering a file changes nothing. Rows read = loaded + updated + unchanged +
 * quarantined, or the load fails.
 */
final class DeliveryLoader {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLoader.class);

    /**
     * Counts for one delivery; {@code firstProblems} names the first quarantined lines for error messages,
     * {@code columns} its columns the contract does not know and the optional ones it lacks.
     */
    record Delivery(String entity, String sourceFile, long rowsRead, long rowsLoaded, long rowsUpdated,
            long rowsUnchanged, long rowsQuarantined, List<String> firstProblems, ColumnCheck columns) {
    }

    private final Connection connection;
    private final LocalDate runDate;
    private final KeyedHash keyedHash;
    private final boolean requireHashKey;
    private final QuarantineRules quarantineRules;
    private final AcceptedRows acceptedRows;

    /**
     * @param keyedHash null when no key is set: personal data is then not landed at all (a warning says so), or,
     *        with {@code requireHashKey}, the delivery fails
     */
    DeliveryLoader(Connection connection, LocalDate runDate, KeyedHash keyedHash, String reportingCurrency,
            boolean requireHashKey) {
        this.connection = connection;
        this.runDate = runDate;
        this.keyedHash = keyedHash;
        this.requireHashKey = requireHashKey;
        this.quarantineRules = new QuarantineRules(connection, runDate, reportingCurrency);
        this.acceptedRows = new AcceptedRows(connection, runDate);
    }

    /**
     * @param incoming temp table with text columns and {@code _line_number}; {@code <incoming>_rejects} holds the
     *        records that could not be split into columns
     */
    Delivery load(LandingContract contract, String sourceFile, String incoming) throws SQLException {
        return load(contract, sourceFile, incoming, false);
    }

    /** @param oneLinePerRecord no value spans lines, so no record can have been merged by a stray quote */
    Delivery load(LandingContract contract, String sourceFile, String incoming, boolean oneLinePerRecord) throws SQLException {
        SqlIdentifiers.require(incoming);
        Laps laps = new Laps();
        if (keyedHash != null) {
            keyedHash.install(connection);
        }
        LineSpans spans;
        ColumnCheck columns;
        try (Statement statement = connection.createStatement()) {
            Map<String, String> header = headerColumns(statement, incoming, contract, sourceFile);
            HeaderNames.requireColumns(contract, header, sourceFile);
            columns = ColumnCheck.of(contract, header, statement, incoming, sourceFile);
            requireKeyForPersonalData(statement, contract, header, sourceFile, incoming);
            boolean csv = sourceFile.toLowerCase(Locale.ROOT).endsWith(".csv");
            spans = LineSpans.find(statement, contract, header, incoming, csv && !oneLinePerRecord);
            statement.execute(typedSelect(contract, header, incoming));
            repeatedKeys(statement, contract);
        }
        laps.lap("type");
        quarantineRules.write(contract, sourceFile, incoming, spans);
        laps.lap("quarantine");
        long read = count("select count(*) from typed") + count("select count(*) from " + incoming + "_rejects");
        try (Statement statement = connection.createStatement()) {
            read += spans.extraRecords(statement, incoming);
        }
        return accept(contract, sourceFile, read, columns, laps);
    }

    /**
     * Lands a delivery another engine read, typed and checked ({@link DeliveryEngine}): its typed rows and quarantine
     * rows come in as Parquet, and from there it is the path of a delivery checked here.
     */
    Delivery loadChecked(LandingContract contract, String sourceFile, DeliveryEngine.Checked checked) throws SQLException {
        Laps laps = new Laps();
        StringJoiner columns = new StringJoiner(", ");
        columns.add("_line_number");
        // why the casts: Parquet from another engine may carry a type's neighbour (TIMESTAMP for TIMESTAMPTZ, INT64 for INTEGER)
        contract.columns().forEach(column -> columns.add("cast(" + column.name() + " as " + column.type() + ") as " + column.name()));
        try (Statement statement = connection.createStatement()) {
            statement.execute("create or replace temp table typed as select " + columns + " from read_parquet("
                    + SqlIdentifiers.quoteLiteral(checked.typed().resolve("*.parquet").toString()) + ")");
            repeatedKeys(statement, contract);
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into quarantine select ?, ?, ?, line_number,"
                + " column_name, raw_value, reason from read_parquet("
                + SqlIdentifiers.quoteLiteral(checked.quarantine().resolve("*.parquet").toString()) + ")")) {
            insert.setObject(1, runDate);
            insert.setString(2, contract.entity());
            insert.setString(3, sourceFile);
            insert.executeUpdate();
        }
        laps.lap("checked in");
        return accept(contract, sourceFile, checked.rowsRead(), checked.columns(), laps);
    }

    private static void repeatedKeys(Statement statement, LandingContract contract) throws SQLException {
        if (!contract.naturalKey().isEmpty()) {
            String versionKey = String.join(", ", contract.versionKey());
            statement.execute("create or replace temp table repeated_keys as select " + versionKey + " from typed group by "
                    + versionKey + " having count(*) > 1");
        }
    }

    /** The typed rows not quarantined into the landed table; reconciled and recorded. */
    private Delivery accept(LandingContract contract, String sourceFile, long read, ColumnCheck columns, Laps laps)
            throws SQLException {
        LoadCounts counts = acceptedRows.insert(contract, sourceFile);
        laps.lap("accept");
        long quarantined = countQuarantinedLines(contract.entity(), sourceFile);
        long loaded = counts.loaded();
        long updated = counts.updated();
        long unchanged = counts.unchanged();
        if (read != loaded + updated + unchanged + quarantined) {
            throw new IllegalStateException(sourceFile + ": " + read + " rows read but " + loaded + " loaded, " + updated
                    + " updated, " + unchanged + " unchanged and " + quarantined + " quarantined; a row would be lost");
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into load_reconciliation"
                + " (run_date, entity, source_file, rows_read, rows_loaded, rows_quarantined, rows_updated, rows_unchanged,"
                + " unknown_columns, missing_columns) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, runDate);
            insert.setString(2, contract.entity());
            insert.setString(3, sourceFile);
            insert.setLong(4, read);
            insert.setLong(5, loaded);
            insert.setLong(6, quarantined);
            insert.setLong(7, updated);
            insert.setLong(8, unchanged);
            insert.setString(9, ColumnCheck.stored(columns.unknown()));
            insert.setString(10, ColumnCheck.stored(columns.missing()));
            insert.executeUpdate();
        }
        Delivery delivery = new Delivery(contract.entity(), sourceFile, read, loaded, updated, unchanged, quarantined,
                firstProblems(contract.entity(), sourceFile), columns);
        laps.lap("reconcile");
        log.info("load {} {}: {}", contract.entity(), sourceFile, laps);
        return delivery;
    }

    /** {@link HeaderNames#of} the incoming table's columns. */
    private static Map<String, String> headerColumns(Statement statement, String incoming, LandingContract contract,
            String sourceFile) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("select * exclude (_line_number) from " + incoming + " limit 0")) {
            ResultSetMetaData metaData = rows.getMetaData();
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                names.add(metaData.getColumnName(i));
            }
        }
        return HeaderNames.of(names, contract, sourceFile);
    }

    private void requireKeyForPersonalData(Statement statement, LandingContract contract, Map<String, String> header,
            String sourceFile, String incoming) throws SQLException {
        if (keyedHash != null) {
            return;
        }
        for (Column column : contract.columns()) {
            String name = column.hashed() ? header.get(HeaderNames.normalise(column.sourceName())) : null;
            if (name == null) {
                continue;
            }
            // why exists: the first filled value decides, so a delivery full of addresses is not counted to the end
            try (ResultSet rows = statement.executeQuery("select exists (select 1 from " + incoming + " where nullif(trim("
                    + DuckDbFiles.quoteIdentifier(name) + "), '') is not null)")) {
                rows.next();
                if (rows.getBoolean(1)) {
                    personalDataWithoutKey(sourceFile, column, requireHashKey);
                }
            }
        }
    }

    /** A delivery whose hashed column has values while no key is set: it fails, or the column is left empty. */
    static void personalDataWithoutKey(String sourceFile, Column column, boolean requireHashKey) {
        String message = sourceFile + ": column " + column.sourceName() + " carries personal data, stored only as"
                + " an HMAC-SHA256, but no key is set: export " + KeyedHash.KEY_VARIABLE
                + " (a long random secret, kept outside the warehouse)";
        if (requireHashKey) {
            throw new IllegalStateException(message + " or drop the column from the delivery");
        }
        log.warn("{}; {} is left empty (set baton.extract.require-hash-key=true to fail instead)", message, column.name());
    }

    private String typedSelect(LandingContract contract, Map<String, String> header, String incoming) {
        StringJoiner columns = new StringJoiner(",\n    ");
        columns.add("_line_number");
        for (Column column : contract.columns()) {
            String fileName = header.get(HeaderNames.normalise(column.sourceName()));
            String raw = fileName == null ? "cast(null as varchar)"
                    : "nullif(trim(" + DuckDbFiles.quoteIdentifier(fileName) + "), '')";
            if (column.hashed() && fileName != null) {
                // The raw address never leaves this expression: quarantine and archive see the hash only.
                raw = keyedHash == null ? "cast(null as varchar)" : keyedHash.sql(raw);
            }
            // a text column once: its value is its raw value (QuarantineRules.raw)
            if (!column.isText()) {
                columns.add(raw + " as " + column.name() + "__raw");
            }
            columns.add(column.isText() ? raw + " as " + column.name()
                    : "try_cast(" + raw + " as " + column.type() + ") as " + column.name());
        }
        return "create or replace temp table typed as select\n    " + columns + "\nfrom " + incoming;
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
                            + (value == null ? "" : " '" + oneLine(value) + "'") + ": " + rows.getString(4));
                }
            }
        }
        return problems;
    }

    /** A value as it may appear in a one-line message: its first line, at most 80 characters. */
    static String oneLine(String value) {
        int end = value.indexOf('\n');
        String first = (end < 0 ? value : value.substring(0, end)).replace("\r", "");
        return first.length() > 80 || end >= 0 ? first.substring(0, Math.min(80, first.length())) + "..." : first;
    }

    private long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
