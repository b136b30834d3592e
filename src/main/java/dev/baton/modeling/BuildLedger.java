package dev.baton.modeling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import dev.baton.warehouse.LandedTables;
import dev.baton.warehouse.NightChanges.Source;
import dev.baton.warehouse.NightChanges;
import dev.baton.warehouse.SqlIdentifiers;

/**
 * The incremental build's ledger in the build file: {@code model_builds} (how each model was last built, carried from
 * night to night), which only this class reads or writes, and, through {@link NightChanges}, what each input changed
 * tonight (a model's input is its {@link Source}: a landed entity, which the extract notes, or a model). Audits and
 * publish get typed records from here, never the columns' strings.
 */
public final class BuildLedger {

    /** One model's row of {@code model_builds}. */
    record Build(String model, String fingerprint, LocalDate runDate, BuildStrategy strategy, Change changed) {
    }

    private final Connection connection;
    private final NightChanges changes;

    private BuildLedger(Connection connection) {
        this.connection = connection;
        this.changes = NightChanges.on(connection);
    }

    /** The ledger of the build file this connection is open on. */
    public static BuildLedger on(Connection connection) {
        return new BuildLedger(connection);
    }

    static boolean isLanded(String table) {
        return LandedTables.isLanded(table);
    }

    /**
     * Model tables whose rows tonight's build found equal to those of the file it started as a copy of; while that is
     * still the published version, their Parquet files are that version's.
     */
    public Set<String> unchangedModels(LocalDate runDate) throws SQLException {
        Set<String> models = new HashSet<>();
        builtOn(runDate).values().stream().filter(build -> build.changed() == Change.NONE).forEach(build -> models.add(build.model()));
        return models;
    }

    /**
     * Drops what the models steps kept in a build file to restart correctly after a failure, once the file is about to
     * be published: it describes one build file, not the warehouse.
     */
    public void forgetAttempts() throws SQLException {
        StepAttempt.forget(connection);
    }

    /** Every model's last build. */
    List<Build> builds() throws SQLException {
        return read("", List.of());
    }

    /** Model name to its build on this run date. */
    Map<String, Build> builtOn(LocalDate runDate) throws SQLException {
        Map<String, Build> builds = new HashMap<>();
        read(" where run_date = ?", List.of(runDate)).forEach(build -> builds.put(build.model(), build));
        return builds;
    }

    /** Model name to its recorded build, for these models. */
    Map<String, Build> builtOf(Collection<String> models) throws SQLException {
        Map<String, Build> builds = new HashMap<>();
        read(" where model in (" + literals(models) + ")", List.of()).forEach(build -> builds.put(build.model(), build));
        return builds;
    }

    void record(Build build, Long rebuilt, double seconds) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into model_builds values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, build.model());
            insert.setString(2, build.fingerprint());
            insert.setObject(3, build.runDate());
            insert.setString(4, build.strategy().recorded());
            insert.setString(5, build.changed().recorded());
            if (rebuilt == null) {
                insert.setNull(6, Types.BIGINT);
            } else {
                insert.setLong(6, rebuilt);
            }
            insert.setDouble(7, seconds);
            insert.executeUpdate();
        }
    }

    /** Forgets a model's build (its table is dropped, or built again by another engine). */
    void forgetBuild(String model) throws SQLException {
        execute("delete from main.model_builds where model = " + SqlIdentifiers.quoteLiteral(model));
    }

    void forgetAllBuilds() throws SQLException {
        execute("delete from model_builds");
    }

    /** Forgets what this input changed tonight (and, for a model, the months it changed). */
    void forgetChanges(String input) throws SQLException {
        changes.forget(withMonths(List.of(input)));
    }

    /**
     * Copies these models' builds into {@code table} (model, fingerprint, run_date; a row with no build for a model
     * without one), then forgets their builds and changes. The caller holds the transaction.
     */
    void setAside(Collection<String> models, String table) throws SQLException {
        StringJoiner values = new StringJoiner(", ");
        models.forEach(model -> values.add("(" + SqlIdentifiers.quoteLiteral(model) + ")"));
        execute("insert into main." + SqlIdentifiers.require(table) + " select step.model, builds.fingerprint, builds.run_date from (values "
                + values + ") as step(model) left join main.model_builds as builds on builds.model = step.model");
        execute("delete from main.model_builds where model in (" + literals(models) + ")");
        changes.forget(withMonths(models));
    }

    /** The sources (landed entities and models) that changed anything tonight. */
    Set<Source> changedSources() throws SQLException {
        return changes.sources();
    }

    /** A select of the accounts whose rows of these inputs changed. */
    static String changedAccountsOf(Collection<String> inputs) {
        return NightChanges.accountsOf(sources(inputs));
    }

    /** A select of the keys (as text) whose rows of these inputs changed. */
    static String changedKeysOf(Collection<String> inputs) {
        return NightChanges.keysOf(sources(inputs));
    }

    /** A select of the changes of these inputs: account_id, key_name, key_value. */
    static String changesOf(Collection<String> inputs) {
        return NightChanges.changesOf(sources(inputs));
    }

    /** A select of the accounts whose rows of this model changed tonight. */
    static String accountsChangedIn(String model) {
        return NightChanges.accountsOf(List.of(Source.model(model)));
    }

    /** A select of the keys (as text) whose rows of this model changed tonight. */
    static String keysChangedIn(String model) {
        return NightChanges.keysOf(List.of(Source.model(model)));
    }

    /** Every change of these inputs names its row by this key. */
    boolean changesKeyedBy(Collection<String> inputs, String key) throws SQLException {
        return changes.keyedBy(sources(inputs), key);
    }

    /**
     * Notes as changed by this input the accounts the select returns (one column, account_id).
     *
     * @return how many rows were noted
     */
    int noteAccounts(String input, String selectOfAccounts, Object... parameters) throws SQLException {
        return changes.noteAccounts(Source.ofInput(input), selectOfAccounts, parameters);
    }

    /** Notes as the months this model's rows changed in the dates the select returns (one column, a month's first day). */
    void noteMonths(String model, String selectOfMonths) throws SQLException {
        changes.noteMonths(Source.months(model), selectOfMonths);
    }

    /**
     * The earliest month any of these inputs changed rows in, or null when one of them changed without noting its
     * months (a landed table, a model without a month column, a model built whole and not compared).
     */
    LocalDate earliestChangedMonth(Collection<String> inputs) throws SQLException {
        if (inputs.stream().anyMatch(BuildLedger::isLanded)) {
            return null;
        }
        return changes.earliestMonth(inputs.stream().map(Source::months).toList());
    }

    /**
     * The earliest month of the rows these month-grain tables (name to month column) hold tonight of the accounts this
     * input changed; {@link NightChanges#NO_MONTH} when they hold none. Rows of those accounts that a table dropped
     * tonight are in that table's own noted months.
     */
    LocalDate earliestMonthOfChangedAccounts(String input, Map<String, String> monthTables) throws SQLException {
        StringJoiner months = new StringJoiner(" union all ");
        monthTables.forEach((table, column) -> months.add("select min(" + SqlIdentifiers.require(column) + ") as changed_month from main."
                + SqlIdentifiers.require(table) + " where account_id in (" + accountsChangedIn(input) + ")"));
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select cast(min(changed_month) as date) from (" + months + ")")) {
            rows.next();
            LocalDate earliest = rows.getObject(1, LocalDate.class);
            return earliest == null ? NightChanges.NO_MONTH : earliest;
        }
    }

    /** Notes as changed by this input the rows the select names (account_id, key_name, key_value), once each. */
    void noteKeys(String input, String selectOfKeys) throws SQLException {
        changes.noteKeys(Source.ofInput(input), selectOfKeys);
    }

    private List<Build> read(String where, List<Object> parameters) throws SQLException {
        List<Build> builds = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("select model, fingerprint, run_date, build, changed from main.model_builds" + where)) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    builds.add(new Build(rows.getString(1), rows.getString(2), rows.getObject(3, LocalDate.class),
                            BuildStrategy.ofRecorded(rows.getString(4)), Change.ofRecorded(rows.getString(5))));
                }
            }
        }
        return builds;
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The sources of these inputs and, for each model among them, the source of its changed months. */
    private static List<Source> withMonths(Collection<String> inputs) {
        List<Source> sources = new ArrayList<>(sources(inputs));
        inputs.stream().filter(input -> !isLanded(input)).forEach(input -> sources.add(Source.months(input)));
        return sources;
    }

    private static List<Source> sources(Collection<String> inputs) {
        return inputs.stream().map(Source::ofInput).toList();
    }

    private static String literals(Collection<String> values) {
        StringJoiner literals = new StringJoiner(", ");
        values.forEach(value -> literals.add(SqlIdentifiers.quoteLiteral(value)));
        return literals.toString();
    }
}
