package dev.baton.extract;

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

    private static final String ACCOUNT = "account_id";

    private final Connection connection;
    private final LocalDate runDate;
    private final KeyedHash keyedHash;
    private final String reportingCurrency;
    private final boolean requireHashKey;
    private Boolean changesWanted;

    /**
     * @param keyedHash null when no key is set: personal data is then not landed at all (a warning says so), or,
     *        with {@code requireHashKey}, the delivery fails
     */
    DeliveryLoader(Connection connection, LocalDate runDate, KeyedHash keyedHash, String reportingCurrency,
            boolean requireHashKey) {
        this.connection = connection;
        this.runDate = runDate;
        this.keyedHash = keyedHash;
        this.reportingCurrency = reportingCurrency;
        this.requireHashKey = requireHashKey;
    }

    /**
     * Whether the models will read which accounts and keys changed: only when they were built before, from which
     * they may be rebuilt in part. A first night builds every model whole, and noting all its rows would only cost.
     */
    private boolean changesWanted() throws SQLException {
        if (changesWanted == null) {
            changesWanted = count("select count(*) from model_builds") > 0;
        }
        return changesWanted;
    }

    /**
     * @param incoming temp table with text columns and {@code _line_number}; {@code <incoming>_rejects} holds the
     *        records that could not be split into columns
     */
    Delivery load(LandingContract contract, String sourceFile, String incoming) throws SQLException {
        SqlIdentifiers.require(incoming);
        Laps laps = new Laps();
        if (keyedHash != null) {
            keyedHash.install(connection);
        }
        LineSpans spans;
        ColumnCheck columns;
        try (Statement statement = connection.createStatement()) {
            Map<String, String> header = headerColumns(statement, incoming, contract, sourceFile);
            requireColumns(contract, header, sourceFile);
            columns = ColumnCheck.of(contract, header, statement, incoming, sourceFile);
            requireKeyForPersonalData(statement, contract, header, sourceFile, incoming);
            spans = LineSpans.find(statement, contract, header, incoming, sourceFile.toLowerCase(Locale.ROOT).endsWith(".csv"));
            statement.execute(typedSelect(contract, header, incoming));
            if (!contract.naturalKey().isEmpty()) {
                String versionKey = String.join(", ", contract.versionKey());
                statement.execute("create or replace temp table repeated_keys as select " + versionKey + " from typed group by "
                        + versionKey + " having count(*) > 1");
            }
        }
        laps.lap("type");
        quarantine(contract, sourceFile, incoming, spans);
        laps.lap("quarantine");
        long read = count("select count(*) from typed") + count("select count(*) from " + incoming + "_rejects");
        try (Statement statement = connection.createStatement()) {
            read += spans.extraRecords(statement, incoming);
        }
        LoadCounts counts = insertAccepted(contract, sourceFile);
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

    /**
     * Header names by {@link HeaderNames#normalise}; value = the name as written in the delivery. Two names for one
     * contract column fail the delivery: which one holds the value (and which one is personal data) is unknown.
     */
    private static Map<String, String> headerColumns(Statement statement, String incoming, LandingContract contract,
            String sourceFile) throws SQLException {
        Map<String, String> header = new LinkedHashMap<>();
        try (ResultSet rows = statement.executeQuery("select * exclude (_line_number) from " + incoming + " limit 0")) {
            ResultSetMetaData metaData = rows.getMetaData();
            for (int i = 1; i <= metaData.getColumnCount(); i++) {
                String name = metaData.getColumnName(i);
                String earlier = header.putIfAbsent(HeaderNames.normalise(name), name);
                if (earlier == null) {
                    continue;
                }
                for (Column column : contract.columns()) {
                    if (HeaderNames.normalise(column.sourceName()).equals(HeaderNames.normalise(name))) {
                        throw new IllegalArgumentException(sourceFile + ": line 1 has '" + earlier + "' and '" + name
                                + "', both column " + column.sourceName()
                                + " of the contract (names are matched ignoring case, spaces and punctuation)");
                    }
                }
            }
        }
        return header;
    }

    private static void requireColumns(LandingContract contract, Map<String, String> header, String sourceFile) {
        List<String> missing = contract.requiredColumns().stream()
                .map(Column::sourceName)
                .filter(name -> !header.containsKey(HeaderNames.normalise(name)))
                .toList();
        if (!missing.isEmpty()) {
            throw new MissingColumnException(sourceFile + ": required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " missing from the header (line 1); the header has "
                    + String.join(", ", header.values()));
        }
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
            try (ResultSet rows = statement.executeQuery("select count(*) from " + incoming + " where nullif(trim("
                    + DuckDbFiles.quoteIdentifier(name) + "), '') is not null")) {
                rows.next();
                if (rows.getLong(1) == 0) {
                    continue;
                }
                String message = sourceFile + ": column " + column.sourceName() + " carries personal data, stored only as"
                        + " an HMAC-SHA256, but no key is set: export " + KeyedHash.KEY_VARIABLE
                        + " (a long random secret, kept outside the warehouse)";
                if (requireHashKey) {
                    throw new IllegalStateException(message + " or drop the column from the delivery");
                }
                log.warn("{}; {} is left empty (set baton.extract.require-hash-key=true to fail instead)", message, column.name());
            }
        }
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
            columns.add(raw + " as " + column.name() + "__raw");
            columns.add(column.isText() ? raw + " as " + column.name()
                    : "try_cast(" + raw + " as " + column.type() + ") as " + column.name());
        }
        return "create or replace temp table typed as select\n    " + columns + "\nfrom " + incoming;
    }

    private void quarantine(LandingContract contract, String sourceFile, String incoming, LineSpans spans) throws SQLException {
        List<String> problems = new ArrayList<>();
        // A record that could not be split into columns; its text is kept unless it may carry personal data.
        problems.add(spans.rejects(incoming, contract.hasHashedColumns()));
        problems.add(spans.problems());
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
        problems.addAll(duplicateKeys(contract));
        problems.addAll(references(contract));
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

    /**
     * Two rows of one delivery with the same key and version but different values: neither can be trusted. Only keys
     * seen more than once ({@code repeated_keys}, usually none) have their contents compared.
     */
    private static List<String> duplicateKeys(LandingContract contract) {
        List<String> key = contract.versionKey();
        if (contract.naturalKey().isEmpty()) {
            return List.of();
        }
        String keyList = String.join(", ", key);
        StringJoiner content = new StringJoiner(", ", "row(", ")");
        contract.columns().forEach(column -> content.add(column.name() + "__raw"));
        String firstKey = contract.naturalKey().get(0);
        return List.of("select typed._line_number, '" + firstKey + "', typed." + firstKey + "__raw,"
                + " 'duplicate key in this delivery with different contents (lines ' || clashes.lines || ')'"
                + " from typed inner join (select " + keyList + ", string_agg(cast(_line_number as varchar), ', ' order by _line_number) as lines"
                + " from typed where exists (select 1 from repeated_keys where " + sameValues("typed", "repeated_keys", key) + ")"
                + " group by " + keyList + " having count(distinct " + content + ") > 1) as clashes"
                + " on " + sameValues("typed", "clashes", key));
    }

    /** Null-safe equality of these columns between two tables: {@code a.x is not distinct from b.x and ...}. */
    private static String sameValues(String left, String right, List<String> columns) {
        return String.join(" and ", columns.stream().map(c -> left + "." + c + " is not distinct from " + right + "." + c).toList());
    }

    /**
     * References to other entities, declared in the landing contract ({@link EntityReferences}): they read what was
     * landed before, since an entity loads after the entities it references.
     */
    private List<String> references(LandingContract contract) {
        List<String> problems = new ArrayList<>();
        for (EntityReferences.Reference reference : EntityReferences.contract().of(contract.entity())) {
            String column = reference.column();
            String known = reference.entityColumn() + " from landed_" + reference.entity();
            if (reference.orReportingCurrency()) {
                String reporting = SqlIdentifiers.quoteLiteral(reportingCurrency);
                problems.add(problem(column, column + " is not null and " + column + " <> " + reporting
                        + " and " + column + " not in (select " + known + ")",
                        SqlIdentifiers.quoteLiteral("unknown " + reference.noun() + ": not in " + reference.entity()
                                + " and not the reporting currency " + reportingCurrency)));
            } else {
                problems.add(problem(column, column + " is not null and " + column + " not in (select " + known + ")",
                        SqlIdentifiers.quoteLiteral("unknown " + reference.noun() + ": no " + reference.entity()
                                + " row has this " + column)));
            }
        }
        return problems;
    }

    private LoadCounts insertAccepted(LandingContract contract, String sourceFile) throws SQLException {
        StringJoiner names = new StringJoiner(", ");
        contract.columns().forEach(column -> names.add(column.name()));
        String same = sameValues("landed", "accepted", contract.columns().stream().map(Column::name).toList());
        List<String> naturalKey = contract.naturalKey();
        String known = naturalKey.isEmpty() ? "false" : "exists (select 1 from landed_same_key landed where "
                + String.join(" and ", naturalKey.stream().map(k -> "landed." + k + " = accepted." + k).toList()) + ")";
        // why: comparing against the versions of the delivered keys only, not every landed row, makes a small delivery
        // into a large table cost what the delivery costs (a tenth of the time at 1.4M landed tickets)
        String landedSameKey = "select * from " + contract.table() + " landed" + (naturalKey.isEmpty() ? ""
                : " where exists (select 1 from accepted where " + sameValues("landed", "accepted", naturalKey) + ")");
        // A row repeated within the delivery loads once (from its first line); its other copies count as unchanged.
        // Repeats share their key and version, so with a key and no repeated one every row is its only copy.
        String notQuarantined = "_line_number not in (select line_number from quarantine where run_date = "
                + SqlIdentifiers.quoteLiteral(runDate.toString()) + " and entity = " + SqlIdentifiers.quoteLiteral(contract.entity())
                + " and source_file = " + SqlIdentifiers.quoteLiteral(sourceFile) + ")";
        boolean mayRepeat = naturalKey.isEmpty() || count("select count(*) from repeated_keys") > 0;
        String accepted = "select " + names + ", "
                + (mayRepeat ? "min(_line_number) as _line_number, count(*) as _copies" : "_line_number, 1 as _copies")
                + " from typed where " + notQuarantined + (mayRepeat ? " group by " + names : "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("create or replace temp table classified as with accepted as (" + accepted + "),"
                    + " landed_same_key as (" + landedSameKey + ") select accepted.*, case"
                    + " when exists (select 1 from landed_same_key landed where " + same + ") then 'unchanged'"
                    + " when " + known + " then 'updated' else 'loaded' end as _outcome from accepted");
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into " + contract.table() + " (" + names
                + ", _source_file, _line_number) select " + names + ", ?, _line_number from classified where _outcome <> 'unchanged'")) {
            insert.setString(1, sourceFile);
            insert.executeUpdate();
        }
        if (changesWanted()) {
            recordChanges(contract);
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select"
                        + " coalesce(sum(case when _outcome = 'loaded' then 1 else 0 end), 0),"
                        + " coalesce(sum(case when _outcome = 'updated' then 1 else 0 end), 0),"
                        + " coalesce(sum(case when _outcome = 'unchanged' then _copies else _copies - 1 end), 0) from classified")) {
            rows.next();
            return new LoadCounts(rows.getLong(1), rows.getLong(2), rows.getLong(3));
        }
    }

    /**
     * Notes which accounts this delivery touched, for the models to rebuild only their rows: the account of every
     * loaded or updated row and of every earlier version of an updated key, since a row may move between accounts,
     * each with its key where the natural key is one column (for the models rebuilt by key). An entity without
     * accounts is noted once, with no account, when anything of it changed.
     */
    private void recordChanges(LandingContract contract) throws SQLException {
        String entity = SqlIdentifiers.quoteLiteral(contract.entity());
        boolean perAccount = contract.columns().stream().anyMatch(column -> column.name().equals(ACCOUNT));
        String sql;
        if (!perAccount) {
            sql = "insert into night_changes (entity) select distinct " + entity + " from classified where _outcome <> 'unchanged'";
        } else {
            List<String> naturalKey = contract.naturalKey();
            String keyName = naturalKey.size() == 1 ? SqlIdentifiers.quoteLiteral(naturalKey.get(0)) : "cast(null as varchar)";
            String keyValue = naturalKey.size() == 1 ? "cast(%s" + naturalKey.get(0) + " as varchar)" : "cast(null as varchar)";
            String earlierVersions = naturalKey.isEmpty() ? "" : " union select landed." + ACCOUNT + ", " + keyValue.formatted("landed.")
                    + " from " + contract.table() + " landed inner join classified on " + sameValues("landed", "classified", naturalKey)
                    + " where classified._outcome = 'updated'";
            sql = "insert into night_changes (entity, account_id, key_name, key_value) select " + (earlierVersions.isEmpty() ? "distinct " : "")
                    + entity + ", " + ACCOUNT
                    + ", " + keyName + ", key_value from (select " + ACCOUNT + ", " + keyValue.formatted("") + " as key_value"
                    + " from classified where _outcome <> 'unchanged'" + earlierVersions + ")";
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
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
