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

import dev.baton.warehouse.SqlIdentifiers;

/**
 * The incremental build's ledger in the build file, and the only class that reads or writes it: {@code model_builds}
 * (how each model was last built, carried from night to night) and {@code night_changes} (the accounts, or keys, whose
 * rows each input changed tonight). Inputs are named in {@code night_changes} by {@link #changeSource}: a landed
 * entity by its name (the extract writes those rows), a model as {@code model <name>}. Audits and publish get typed
 * records from here, never the columns' strings.
 */
public final class BuildLedger {

    /** The prefix of the tables the extract lands rows in; the rest of the name is the entity. */
    static final String LANDED = "landed_";

    /** One model's row of {@code model_builds}. */
    record Build(String model, String fingerprint, LocalDate runDate, BuildStrategy strategy, Change changed) {
    }

    private final Connection connection;

    private BuildLedger(Connection connection) {
        this.connection = connection;
    }

    /** The ledger of the build file this connection is open on. */
    public static BuildLedger on(Connection connection) {
        return new BuildLedger(connection);
    }

    static boolean isLanded(String table) {
        return table.startsWith(LANDED);
    }

    /** The entity under which night_changes lists the accounts whose rows of this input changed. */
    static String changeSource(String input) {
        return isLanded(input) ? input.substring(LANDED.length()) : "model " + input;
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

    /** Forgets what this input changed tonight. */
    void forgetChanges(String input) throws SQLException {
        execute("delete from main.night_changes where entity = " + SqlIdentifiers.quoteLiteral(changeSource(input)));
    }

    /**
     * Copies these models' builds into {@code table} (model, fingerprint, run_date; a row with no build for a model
     * without one), then forgets their builds and changes. The caller holds the transaction.
     */
    void setAside(Collection<String> models, String table) throws SQLException {
        StringJoiner values = new StringJoiner(", ");
        StringJoiner sources = new StringJoiner(", ");
        for (String model : models) {
            values.add("(" + SqlIdentifiers.quoteLiteral(model) + ")");
            sources.add(SqlIdentifiers.quoteLiteral(changeSource(model)));
        }
        execute("insert into main." + SqlIdentifiers.require(table) + " select step.model, builds.fingerprint, builds.run_date from (values "
                + values + ") as step(model) left join main.model_builds as builds on builds.model = step.model");
        execute("delete from main.model_builds where model in (" + literals(models) + ")");
        execute("delete from main.night_changes where entity in (" + sources + ")");
    }

    /** The landed entities whose rows changed tonight. */
    Set<String> changedEntities() throws SQLException {
        Set<String> entities = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select distinct entity from night_changes")) {
            while (rows.next()) {
                entities.add(rows.getString(1));
            }
        }
        return entities;
    }

    /** A select of the accounts whose rows of these inputs changed. */
    static String changedAccountsOf(Collection<String> inputs) {
        return "select distinct " + Model.ACCOUNT + " from main.night_changes where entity in (" + sources(inputs) + ") and "
                + Model.ACCOUNT + " is not null";
    }

    /** A select of the keys (as text) whose rows of these inputs changed. */
    static String changedKeysOf(Collection<String> inputs) {
        return "select distinct key_value from main.night_changes where entity in (" + sources(inputs) + ")";
    }

    /** A select of the changes of these inputs: account_id, key_name, key_value. */
    static String changesOf(Collection<String> inputs) {
        return "select " + Model.ACCOUNT + ", key_name, key_value from main.night_changes where entity in (" + sources(inputs) + ")";
    }

    /** A select of the accounts whose rows of this model changed tonight. */
    static String accountsChangedIn(String model) {
        return "select account_id from night_changes where entity = " + SqlIdentifiers.quoteLiteral(changeSource(model));
    }

    /** A select of the keys (as text) whose rows of this model changed tonight. */
    static String keysChangedIn(String model) {
        return "select key_value from night_changes where entity = " + SqlIdentifiers.quoteLiteral(changeSource(model));
    }

    /** Every change of these inputs names its row by this key. */
    boolean changesKeyedBy(Collection<String> inputs, String key) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from main.night_changes where entity in (" + sources(inputs)
                        + ") and key_name is distinct from " + SqlIdentifiers.quoteLiteral(key))) {
            rows.next();
            return rows.getLong(1) == 0;
        }
    }

    /**
     * Notes as changed by this input the accounts the select returns (one column, account_id).
     *
     * @return how many rows were noted
     */
    int noteAccounts(String input, String selectOfAccounts, Object... parameters) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into main.night_changes (entity, " + Model.ACCOUNT + ") select "
                + SqlIdentifiers.quoteLiteral(changeSource(input)) + ", " + Model.ACCOUNT + " from (" + selectOfAccounts + ")")) {
            for (int i = 0; i < parameters.length; i++) {
                insert.setObject(i + 1, parameters[i]);
            }
            return insert.executeUpdate();
        }
    }

    /** Notes as changed by this input the rows the select names (account_id, key_name, key_value), once each. */
    void noteKeys(String input, String selectOfKeys) throws SQLException {
        execute("insert into main.night_changes (entity, " + Model.ACCOUNT + ", key_name, key_value) select distinct "
                + SqlIdentifiers.quoteLiteral(changeSource(input)) + ", * from (" + selectOfKeys + ")");
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

    private static String sources(Collection<String> inputs) {
        StringJoiner sources = new StringJoiner(", ");
        inputs.forEach(input -> sources.add(SqlIdentifiers.quoteLiteral(changeSource(input))));
        return sources.toString();
    }

    private static String literals(Collection<String> values) {
        StringJoiner literals = new StringJoiner(", ");
        values.forEach(value -> literals.add(SqlIdentifiers.quoteLiteral(value)));
        return literals.toString();
    }
}
