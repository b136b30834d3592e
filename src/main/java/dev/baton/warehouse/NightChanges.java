package dev.baton.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The build file's {@code night_changes} table, and the only class that reads or writes it: which accounts (or keys)
 * each source changed tonight. The extract notes what it landed, identity resolution notes a changed map, and the
 * incremental build reads the notes and adds the accounts each model's rows changed in. Sources are typed so no
 * caller spells the {@code entity} column's values.
 */
public final class NightChanges {

    private static final String ACCOUNT = "account_id";

    /**
     * What changed rows: a landed entity (by its name), a model (as {@code model <name>}), or the identity map.
     *
     * @param entity the value of {@code night_changes.entity}
     */
    public record Source(String entity) {

        /** Identity resolution's map: a change means the models that read it are rebuilt whole. */
        public static final Source IDENTITY_MAP = new Source("identity_map");

        public static Source landed(String entity) {
            return new Source(SqlIdentifiers.require(entity));
        }

        public static Source model(String name) {
            return new Source("model " + SqlIdentifiers.require(name));
        }

        /**
         * The months of a model's rows that changed tonight (as {@code months <name>}, one row per month, the month's
         * first day in {@code key_value}); apart from the model's own entity so its accounts and keys read as before.
         */
        public static Source months(String model) {
            return new Source("months " + SqlIdentifiers.require(model));
        }

        /** A model's input: a landed table is its entity, anything else a model. */
        public static Source ofInput(String table) {
            return LandedTables.isLanded(table) ? landed(LandedTables.entityOf(table)) : model(table);
        }

        String literal() {
            return SqlIdentifiers.quoteLiteral(entity);
        }
    }

    private final Connection connection;

    private NightChanges(Connection connection) {
        this.connection = connection;
    }

    /** The changes of the build file this connection is open on. */
    public static NightChanges on(Connection connection) {
        return new NightChanges(connection);
    }

    /**
     * Whether anything will read the notes: only when models were built before, from which they may be rebuilt in
     * part. A first night builds every model whole, and noting all its rows would only cost.
     */
    public boolean wanted() throws SQLException {
        return count("select count(*) from main.model_builds") > 0;
    }

    /** The sources that changed anything tonight. */
    public Set<Source> sources() throws SQLException {
        Set<Source> sources = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select distinct entity from main.night_changes")) {
            while (rows.next()) {
                sources.add(new Source(rows.getString(1)));
            }
        }
        return sources;
    }

    /** Whether any source other than this one changed anything tonight. */
    public boolean anyBesides(Source source) throws SQLException {
        return count("select count(*) from main.night_changes where entity <> " + source.literal()) > 0;
    }

    /** Forgets what these sources changed tonight. */
    public void forget(Collection<Source> sources) throws SQLException {
        if (!sources.isEmpty()) {
            execute("delete from main.night_changes where entity in (" + literals(sources) + ")");
        }
    }

    /** Notes that this source changed, without accounts (a table without them, or a change that reaches all). */
    public void noteWhole(Source source) throws SQLException {
        execute("insert into main.night_changes (entity) values (" + source.literal() + ")");
    }

    /** Notes this source as changed, without accounts, when the select returns any row. */
    public void noteWholeIfAny(Source source, String select) throws SQLException {
        execute("insert into main.night_changes (entity) select " + source.literal() + " where exists (" + select + ")");
    }

    /**
     * Notes as changed by this source the accounts the select returns (one column, account_id).
     *
     * @return how many rows were noted
     */
    public int noteAccounts(Source source, String selectOfAccounts, Object... parameters) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into main.night_changes (entity, " + ACCOUNT + ") select "
                + source.literal() + ", " + ACCOUNT + " from (" + selectOfAccounts + ")")) {
            for (int i = 0; i < parameters.length; i++) {
                insert.setObject(i + 1, parameters[i]);
            }
            return insert.executeUpdate();
        }
    }

    /** Notes as changed by this source the rows the select names (account_id, key_name, key_value), once each. */
    public void noteKeys(Source source, String selectOfKeys) throws SQLException {
        execute("insert into main.night_changes (entity, " + ACCOUNT + ", key_name, key_value) select distinct "
                + source.literal() + ", * from (" + selectOfKeys + ")");
    }

    /** What {@link #earliestMonth} says of sources that changed rows belonging to no month. */
    public static final LocalDate NO_MONTH = LocalDate.of(9999, 12, 1);

    /**
     * Notes as the months this source changed the distinct dates the select returns (one column, a month's first day);
     * when it returns rows but no date, one row without a month: the source changed rows that belong to no month.
     */
    public void noteMonths(Source source, String selectOfMonths) throws SQLException {
        execute("insert into main.night_changes (entity, key_name, key_value) select distinct " + source.literal()
                + ", 'month', strftime(changed_month, '%Y-%m-%d') from (" + selectOfMonths + ") as months(changed_month)"
                + " where changed_month is not null");
        execute("insert into main.night_changes (entity, key_name) select " + source.literal() + ", 'month' where exists ("
                + selectOfMonths + ") and not exists (select 1 from main.night_changes where entity = " + source.literal() + ")");
    }

    /**
     * The earliest month these sources noted as changed; {@link #NO_MONTH} when they changed only rows of no month; null
     * when one of them noted nothing (it changed without month information: the caller asks only of sources that changed).
     */
    public LocalDate earliestMonth(Collection<Source> sources) throws SQLException {
        if (sources.isEmpty()) {
            return null;
        }
        String sql = "select count(distinct entity), min(cast(key_value as date)) from main.night_changes where entity in ("
                + literals(sources) + ")";
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            if (rows.getLong(1) != sources.size()) {
                return null;
            }
            LocalDate earliest = rows.getObject(2, LocalDate.class);
            return earliest == null ? NO_MONTH : earliest;
        }
    }

    /** Every change of these sources names its row by this key. */
    public boolean keyedBy(Collection<Source> sources, String key) throws SQLException {
        return count("select count(*) from main.night_changes where entity in (" + literals(sources)
                + ") and key_name is distinct from " + SqlIdentifiers.quoteLiteral(key)) == 0;
    }

    /** A select of the accounts whose rows of these sources changed. */
    public static String accountsOf(Collection<Source> sources) {
        return "select distinct " + ACCOUNT + " from main.night_changes where entity in (" + literals(sources) + ") and "
                + ACCOUNT + " is not null";
    }

    /** A select of the keys (as text) whose rows of these sources changed. */
    public static String keysOf(Collection<Source> sources) {
        return "select distinct key_value from main.night_changes where entity in (" + literals(sources) + ")";
    }

    /** A select of the changes of these sources: account_id, key_name, key_value. */
    public static String changesOf(Collection<Source> sources) {
        return "select " + ACCOUNT + ", key_name, key_value from main.night_changes where entity in (" + literals(sources) + ")";
    }

    private long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String literals(Collection<Source> sources) {
        StringJoiner literals = new StringJoiner(", ");
        sources.forEach(source -> literals.add(source.literal()));
        return literals.toString();
    }
}
