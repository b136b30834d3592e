package dev.baton.extract;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.StringJoiner;

import dev.baton.extract.LandingContract.Column;
import dev.baton.warehouse.NightChanges.Source;
import dev.baton.warehouse.NightChanges;
import dev.baton.warehouse.SqlIdentifiers;

/**
 * The accepted rows of a delivery into its {@code landed_<entity>} table: each classified as loaded (a new key),
 * updated (a new version of a known key) or unchanged (already landed), and, when the models will read them, the
 * accounts and keys that changed noted in {@code night_changes}.
 */
final class AcceptedRows {

    private static final String ACCOUNT = "account_id";

    private final Connection connection;
    private final LocalDate runDate;
    private Boolean changesWanted;

    AcceptedRows(Connection connection, LocalDate runDate) {
        this.connection = connection;
        this.runDate = runDate;
    }

    /**
     * Whether the models will read which accounts and keys changed: only when they were built before, from which
     * they may be rebuilt in part. A first night builds every model whole, and noting all its rows would only cost.
     */
    private boolean changesWanted() throws SQLException {
        if (changesWanted == null) {
            changesWanted = NightChanges.on(connection).wanted();
        }
        return changesWanted;
    }

    /** Inserts the rows of {@code typed} not quarantined and not landed already; notes the changes when wanted. */
    LoadCounts insert(LandingContract contract, String sourceFile) throws SQLException {
        StringJoiner names = new StringJoiner(", ");
        contract.columns().forEach(column -> names.add(column.name()));
        String same = QuarantineRules.sameValues("landed", "accepted", contract.columns().stream().map(Column::name).toList());
        List<String> naturalKey = contract.naturalKey();
        String known = naturalKey.isEmpty() ? "false" : "exists (select 1 from landed_same_key landed where "
                + String.join(" and ", naturalKey.stream().map(k -> "landed." + k + " = accepted." + k).toList()) + ")";
        // why: comparing against the versions of the delivered keys only, not every landed row, makes a small delivery
        // into a large table cost what the delivery costs (a tenth of the time at 1.4M landed tickets)
        String landedSameKey = "select * from " + contract.table() + " landed" + (naturalKey.isEmpty() ? ""
                : " where exists (select 1 from accepted where " + QuarantineRules.sameValues("landed", "accepted", naturalKey) + ")");
        // A row repeated within the delivery loads once (from its first line); its other copies count as unchanged.
        // Repeats share their key and version, so with a key and no repeated one every row is its only copy.
        String notQuarantined = "_line_number not in (select line_number from quarantine where run_date = "
                + SqlIdentifiers.quoteLiteral(runDate.toString()) + " and entity = " + SqlIdentifiers.quoteLiteral(contract.entity())
                + " and source_file = " + SqlIdentifiers.quoteLiteral(sourceFile) + ")";
        boolean mayRepeat = naturalKey.isEmpty() || count("select count(*) from repeated_keys") > 0;
        if (!changesWanted() && count("select count(*) from (select 1 from " + contract.table() + " limit 1)") == 0) {
            return insertIntoEmpty(contract, sourceFile, names.toString(), notQuarantined, mayRepeat);
        }
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
     * Into a landed table with no row yet (an entity's first delivery): nothing can be unchanged or updated, so every
     * accepted row is loaded, straight from {@code typed} without classifying it first (that copy of the delivery cost
     * as much as the insert); a repeated row loads once and its other copies count as unchanged, as in {@link #insert}.
     */
    private LoadCounts insertIntoEmpty(LandingContract contract, String sourceFile, String names, String notQuarantined,
            boolean mayRepeat) throws SQLException {
        long loaded;
        try (PreparedStatement insert = connection.prepareStatement("insert into " + contract.table() + " (" + names
                + ", _source_file, _line_number) select " + names + ", ?, "
                + (mayRepeat ? "min(_line_number)" : "_line_number") + " from typed where " + notQuarantined
                + (mayRepeat ? " group by " + names : ""))) {
            insert.setString(1, sourceFile);
            loaded = insert.executeUpdate();
        }
        long copies = mayRepeat ? count("select count(*) from typed where " + notQuarantined) - loaded : 0;
        return new LoadCounts(loaded, 0, copies);
    }

    /**
     * Notes which accounts this delivery touched, for the models to rebuild only their rows: the account of every
     * loaded or updated row and of every earlier version of an updated key, since a row may move between accounts,
     * each with its key where the natural key is one column (for the models rebuilt by key). An entity without
     * accounts is noted once, with no account, when anything of it changed.
     */
    private void recordChanges(LandingContract contract) throws SQLException {
        Source source = Source.landed(contract.entity());
        NightChanges changes = NightChanges.on(connection);
        boolean perAccount = contract.columns().stream().anyMatch(column -> column.name().equals(ACCOUNT));
        if (!perAccount) {
            changes.noteWholeIfAny(source, "select 1 from classified where _outcome <> 'unchanged'");
        } else {
            List<String> naturalKey = contract.naturalKey();
            String keyName = naturalKey.size() == 1 ? SqlIdentifiers.quoteLiteral(naturalKey.get(0)) : "cast(null as varchar)";
            String keyValue = naturalKey.size() == 1 ? "cast(%s" + naturalKey.get(0) + " as varchar)" : "cast(null as varchar)";
            String earlierVersions = naturalKey.isEmpty() ? "" : " union select landed." + ACCOUNT + ", " + keyValue.formatted("landed.")
                    + " from " + contract.table() + " landed inner join classified on " + QuarantineRules.sameValues("landed", "classified", naturalKey)
                    + " where classified._outcome = 'updated'";
            changes.noteKeys(source, "select " + ACCOUNT + ", " + keyName + ", key_value from (select " + ACCOUNT + ", "
                    + keyValue.formatted("") + " as key_value from classified where _outcome <> 'unchanged'" + earlierVersions + ")");
        }
    }

    private long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
