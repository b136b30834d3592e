package dev.baton.modeling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.Sha256;
import dev.baton.warehouse.SqlIdentifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a night's models on DuckDB doing as little as the night's changes allow. The build file starts from last
 * night's published tables, and {@code night_changes} lists the accounts the extract loaded or updated rows of. Each
 * model, in dependency order, is then
 * <ul>
 * <li><b>kept</b> when its SQL, the settings and the run month are last night's and none of its inputs changed;</li>
 * <li>rebuilt <b>for the changed accounts</b> when its header says {@code incremental_by: account_id} and its inputs
 * changed only for some accounts: the rows of the accounts any of its inputs changed are deleted and computed again
 * from their rows of every input that has an account_id (the model reads filtered views in place of those inputs).
 * Only the accounts whose rows then differ from last night's count as changed for the models downstream, so a
 * re-delivered row that changes no column a model keeps stops there;</li>
 * <li>rebuilt <b>for the changed keys</b> when its header says {@code incremental_by: <its grain key>} and every input
 * that changed names its changed rows by that key: the same, by key, and a staging view it reads by that key is
 * computed for those keys only, from the landed versions of those keys;</li>
 * <li>rebuilt <b>and compared</b> with last night's table when a model rebuilt per account reads it: rows that differ
 * add their accounts to {@code night_changes}, and a table without accounts that differs at all changes everything
 * downstream;</li>
 * <li>else rebuilt <b>whole</b>, and every model that reads it is then rebuilt whole too.</li>
 * </ul>
 * Every model's build (its fingerprint and what changed) goes to {@code model_builds}, and the accounts it changed to
 * {@code night_changes} (as entity {@code model <name>}), in the same transaction as its rows, so a restarted step
 * builds again whole what it had not finished.
 */
final class IncrementalBuild {

    private static final Logger log = LoggerFactory.getLogger(IncrementalBuild.class);

    /** The filtered views a model built for the changed accounts or keys reads in place of its inputs. */
    private static final String FILTERED = "baton_changed";
    private static final String ACCOUNT = Model.ACCOUNT;
    /** The column of a model that says its run month is valued on the run date, not on the month's last day. */
    private static final String PARTIAL_MONTH = "is_partial_month";
    /** The accounts the model being built is rebuilt for; the filtered views select them. */
    private static final String ACCOUNTS_TO_REBUILD = FILTERED + ".accounts_to_rebuild";
    private static final String REBUILT_ACCOUNTS = "select account_id from " + ACCOUNTS_TO_REBUILD;
    /** The keys the model being built by key is rebuilt for. */
    private static final String KEYS_TO_REBUILD = FILTERED + ".keys_to_rebuild";
    private static final String REBUILT_KEYS = "select key_value from " + KEYS_TO_REBUILD;
    private static final String KEPT = "kept";
    private static final String FOR_ACCOUNTS = "accounts";
    private static final String FOR_KEYS = "keys";
    private static final String WHOLE = "full";

    /** What changed in a model's rows since last night. */
    enum Change {
        NONE, ACCOUNTS, ALL;

        Change or(Change other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    private final Connection connection;
    private final LocalDate runDate;
    private final String settings;
    private final Map<String, String> lastFingerprints;
    private final Map<String, Change> earlierSteps;
    private final Set<String> withAccounts;
    private final Set<String> tables;
    private final Set<String> entitiesChanged;
    private final Set<String> readPerAccount;
    private final Map<String, Model> catalog = new HashMap<>();
    private final Map<String, Change> changes = new HashMap<>();
    private final StepAttempt attempt;
    private final RunDateMove runDateMove;
    private final boolean runMonthComplete;

    private IncrementalBuild(Connection connection, LocalDate runDate, List<Model> models, ModelCatalog catalog, boolean incremental,
            StepAttempt attempt) throws SQLException {
        this.attempt = attempt;
        this.connection = connection;
        this.runDate = runDate;
        // run_date itself is left out: within a month the models depend on the run month, and on the day only through the
        // accounts RunDateMove names and, for a model reporting is_partial_month, whether the day is the month's last
        this.settings = String.join("|", strings("select * exclude (run_date) from run_context")) + "|" + YearMonth.from(runDate);
        this.runMonthComplete = runDate.equals(YearMonth.from(runDate).atEndOfMonth());
        this.lastFingerprints = new HashMap<>();
        this.earlierSteps = new HashMap<>();
        LocalDate lastRunDate = null;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select model, fingerprint, run_date, changed from model_builds")) {
            while (incremental && rows.next()) {
                lastFingerprints.put(rows.getString(1), rows.getString(2));
                LocalDate built = rows.getObject(3, LocalDate.class);
                lastRunDate = lastRunDate == null || built.isAfter(lastRunDate) ? built : lastRunDate;
                if (rows.getObject(3, LocalDate.class).equals(runDate)) {
                    earlierSteps.put(rows.getString(1), Change.valueOf(rows.getString(4).toUpperCase()));
                }
            }
        }
        // this step's models: model_builds holds only what an earlier attempt finished; last night's were saved apart
        models.forEach(model -> lastFingerprints.remove(model.name()));
        if (incremental) {
            lastFingerprints.putAll(attempt.lastNight());
            if (attempt.lastRunDate() != null && (lastRunDate == null || attempt.lastRunDate().isAfter(lastRunDate))) {
                lastRunDate = attempt.lastRunDate();
            }
        }
        this.withAccounts = new HashSet<>(strings("select distinct table_name from duckdb_columns() where schema_name = 'main'"
                + " and column_name = '" + ACCOUNT + "'"));
        this.tables = new HashSet<>(strings("select table_name from duckdb_tables() where schema_name = 'main'"));
        this.runDateMove = RunDateMove.between(connection, lastRunDate, runDate, tables);
        this.entitiesChanged = new HashSet<>(strings("select distinct entity from night_changes"));
        this.readPerAccount = new HashSet<>();
        models.stream().filter(model -> !model.incrementalBy().isEmpty()).forEach(model -> readPerAccount.addAll(model.dependsOn()));
        catalog.ordered().forEach(model -> this.catalog.put(model.name(), model));
    }

    /**
     * Starts the build of these models: what they were last built from is read, then forgotten (and kept apart, see
     * {@link StepAttempt}). A restarted step keeps what the failed attempt finished and builds the rest as the first
     * attempt would have, against the published version the build started from, never against the failed attempt's rows.
     *
     * @param incremental false ({@code baton.models.incremental}) ignores last night's builds: everything is built whole
     */
    static IncrementalBuild start(Connection connection, LocalDate runDate, List<Model> models, ModelCatalog catalog,
            boolean incremental) throws SQLException {
        StepAttempt attempt = StepAttempt.begin(connection, models);
        IncrementalBuild build = new IncrementalBuild(connection, runDate, models, catalog, incremental, attempt);
        if (attempt.restarted()) {
            log.info("models step restarted: {} of its {} models were finished by the attempt that failed; the others are"
                    + " compared with the published version", attempt.finished().size(), models.size());
        }
        try (Statement statement = connection.createStatement()) {
            // last night's table of a model whose file is gone would otherwise be carried and published night after night
            for (String removed : build.strings("select model from model_builds")) {
                if (catalog.ordered().stream().noneMatch(model -> model.name().equals(removed))) {
                    statement.execute("drop table if exists main." + SqlIdentifiers.require(removed));
                    statement.execute("delete from model_builds where model = " + SqlIdentifiers.quoteLiteral(removed));
                }
            }
            statement.execute("drop schema if exists " + FILTERED + " cascade");
            statement.execute("create schema " + FILTERED);
        }
        return build;
    }

    void build(Model model) throws SQLException {
        long started = System.nanoTime();
        String fingerprint = fingerprint(model);
        StepAttempt.Finished finished = attempt.finished().get(model.name());
        if (finished != null && finished.fingerprint().equals(fingerprint)) {
            changes.put(model.name(), finished.change());
            log.info("model {} kept as the failed attempt built it (changed: {})", model.name(), finished.change().name().toLowerCase());
            return;
        }
        // a model the failed attempt finished from other SQL or settings: its table is no longer last night's
        boolean sameAsLastNight = finished == null && fingerprint.equals(lastFingerprints.get(model.name()))
                && (model.isView() || tables.contains(model.name()));
        Change inputs = Change.NONE;
        for (String dependency : model.dependsOn()) {
            inputs = inputs.or(changeOf(model, dependency));
        }
        String how;
        Change change;
        connection.setAutoCommit(false);
        try {
            if (sameAsLastNight && inputs == Change.NONE) {
                how = KEPT;
                change = Change.NONE;
                if (model.isView()) {
                    rebuild(model); // views do not survive the copy of last night's file
                }
            } else if (sameAsLastNight && inputs == Change.ACCOUNTS && model.perKey() && changesAreKeyedBy(model)) {
                how = FOR_KEYS;
                change = rebuildChangedKeys(model);
            } else if (sameAsLastNight && inputs == Change.ACCOUNTS && model.perAccount()
                    && (model.isView() || readsOnlyModelsWithAccounts(model))) {
                how = FOR_ACCOUNTS;
                change = rebuildChangedAccounts(model);
            } else if (sameAsLastNight && !model.isView() && model.incrementalBy().isEmpty() && readPerAccount.contains(model.name())) {
                how = WHOLE;
                change = rebuildAndCompare(model);
            } else {
                how = WHOLE;
                change = rebuild(model);
            }
            if (hasColumn(model.name(), ACCOUNT)) {
                withAccounts.add(model.name());
            }
            if (change == Change.ACCOUNTS && !withAccounts.contains(model.name())) {
                change = Change.ALL;
            }
            changes.put(model.name(), change);
            if (finished != null) {
                forgetFinished(model);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            record(model, fingerprint, how, change, seconds);
            long committing = System.nanoTime();
            connection.commit();
            log.info("model {} built as {} ({}; changed: {}) in {} ms, committed in {} ms", model.name(), model.isView() ? "view" : "table",
                    how.equals(FOR_ACCOUNTS) || how.equals(FOR_KEYS) ? "for the changed " + how : how, change.name().toLowerCase(), Math.round(seconds * 1000),
                    (System.nanoTime() - committing) / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void forgetFinished(Model model) throws SQLException {
        execute("delete from main.model_builds where model = " + SqlIdentifiers.quoteLiteral(model.name()), model);
        execute("delete from main.night_changes where entity = " + SqlIdentifiers.quoteLiteral(changeSource(model.name())), model);
    }

    /** Drops the filtered views, so nothing of the incremental build is published. */
    void finish() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + FILTERED + " cascade");
        }
    }

    private Change changeOf(Model model, String dependency) {
        return dependency.equals("run_context") ? runDateMove.changeFor(model) : changeOf(dependency);
    }

    private Change changeOf(String dependency) {
        Change built = changes.get(dependency);
        if (built != null) {
            return built;
        }
        if (dependency.equals("run_context")) {
            return Change.NONE; // part of every fingerprint
        }
        if (dependency.equals("identity_map")) {
            // written by kind: identities before the models, or empty in a job without it; a changed link moves rows
            // between accounts, which no per-account rebuild can follow
            return entitiesChanged.contains("identity_map") ? Change.ALL : Change.NONE;
        }
        if (dependency.startsWith("landed_")) {
            String entity = dependency.substring("landed_".length());
            if (!entitiesChanged.contains(entity)) {
                return Change.NONE;
            }
            return withAccounts.contains(dependency) ? Change.ACCOUNTS : Change.ALL;
        }
        // a model of an earlier step of this run, or a table the models do not build (funnel_stage_map)
        return earlierSteps.getOrDefault(dependency, Change.ALL);
    }

    /** Rows of a landed table are versions, not one row per key, so only models can be filtered by account. */
    private boolean readsOnlyModelsWithAccounts(Model model) {
        return model.dependsOn().stream()
                .filter(withAccounts::contains)
                .allMatch(dependency -> changes.containsKey(dependency) || earlierSteps.containsKey(dependency));
    }

    private Change rebuild(Model model) throws SQLException {
        execute("create or replace " + (model.isView() ? "view " : "table ") + "main." + model.name() + " as\n" + model.sql(), model);
        return Change.ALL;
    }

    /**
     * Computes again the rows of the accounts any input changed and replaces the rows of those accounts whose rows
     * differ from last night's, which are noted as changed (for a view: every account it was rebuilt for).
     */
    private Change rebuildChangedAccounts(Model model) throws SQLException {
        StringJoiner sources = changedSources(model);
        emptyFilteredSchema(model);
        execute("create or replace table " + ACCOUNTS_TO_REBUILD + " as select distinct " + ACCOUNT + " from main.night_changes"
                + " where entity in (" + sources + ") and " + ACCOUNT + " is not null", model);
        String changed = changeSource(model.name());
        if (model.isView()) {
            rebuild(model);
            execute("insert into main.night_changes (entity, account_id) select " + SqlIdentifiers.quoteLiteral(changed) + ", " + ACCOUNT
                    + " from " + ACCOUNTS_TO_REBUILD, model);
            return Change.ACCOUNTS;
        }
        for (String dependency : model.dependsOn()) {
            if (withAccounts.contains(dependency)) {
                execute("create or replace view " + FILTERED + "." + dependency + " as select * from main." + dependency
                        + " where " + ACCOUNT + " in (" + REBUILT_ACCOUNTS + ")", model);
            }
        }
        String accountsDiffering = replaceDiffering(model, ACCOUNT, REBUILT_ACCOUNTS);
        execute("insert into main.night_changes (entity, account_id) select " + SqlIdentifiers.quoteLiteral(changed) + ", " + ACCOUNT
                + " from (" + accountsDiffering + ")", model);
        long changedAccounts = Long.parseLong(strings("select count(*) from (" + accountsDiffering + ")").get(0));
        execute("drop table model_difference", model);
        execute("drop table model_new_rows", model);
        return changedAccounts == 0 ? Change.NONE : Change.ACCOUNTS;
    }

    /**
     * Computes the model from the filtered views, compares the rows with the table's rows of the rebuilt accounts
     * (or keys), and replaces the rows of those whose rows differ. Rows of the others are left in place: rewriting
     * them would cost the commit and the checkpoint. The differing rows stay in {@code model_difference}.
     *
     * @param rebuiltBy the column (or expression) that selects an account's (or key's) rows
     * @return a select of the accounts (or keys) whose rows differed
     */
    private String replaceDiffering(Model model, String rebuiltBy, String rebuilt) throws SQLException {
        execute("set search_path = '" + FILTERED + ",main'", model);
        try {
            execute("create or replace temp table model_new_rows as select * from (\n" + model.sql() + "\n) as changed_rows", model);
        } finally {
            execute("reset search_path", model);
        }
        String differing = "select distinct " + rebuiltBy + " from model_difference";
        compare(model, "select * from main." + model.name() + " where " + rebuiltBy + " in (" + rebuilt + ")", "model_new_rows");
        execute("delete from main." + model.name() + " where " + rebuiltBy + " in (" + differing + ")", model);
        execute("insert into main." + model.name() + " select * from model_new_rows where " + rebuiltBy + " in (" + differing + ")", model);
        return differing;
    }

    /** Every input that changed tonight named its changed rows by the key this model is rebuilt by. */
    private boolean changesAreKeyedBy(Model model) throws SQLException {
        StringJoiner sources = changedSources(model);
        return strings("select count(*) from main.night_changes where entity in (" + sources + ") and key_name is distinct from "
                + SqlIdentifiers.quoteLiteral(model.incrementalBy())).get(0).equals("0");
    }

    private StringJoiner changedSources(Model model) {
        StringJoiner sources = new StringJoiner(", ");
        for (String dependency : model.dependsOn()) {
            if (changeOf(model, dependency) == Change.ACCOUNTS) {
                sources.add(SqlIdentifiers.quoteLiteral(changeSource(dependency)));
            }
        }
        return sources;
    }

    /**
     * Computes again the rows of the keys any input changed and replaces those whose rows differ from last night's,
     * noting them (with the accounts of their old and new rows) as changed; a view notes its inputs' changed keys.
     */
    private Change rebuildChangedKeys(Model model) throws SQLException {
        String key = model.incrementalBy();
        StringJoiner sources = changedSources(model);
        emptyFilteredSchema(model);
        execute("create or replace table " + KEYS_TO_REBUILD + " as select distinct key_value from main.night_changes"
                + " where entity in (" + sources + ")", model);
        String changed = SqlIdentifiers.quoteLiteral(changeSource(model.name()));
        String changes = "insert into main.night_changes (entity, account_id, key_name, key_value) select distinct " + changed + ", ";
        if (model.isView()) {
            rebuild(model);
            execute(changes + ACCOUNT + ", key_name, key_value from main.night_changes where entity in (" + sources + ")", model);
            return Change.ACCOUNTS;
        }
        filterByKey(model, key);
        String keyValue = "cast(" + key + " as varchar)";
        replaceDiffering(model, keyValue, REBUILT_KEYS);
        String account = withAccounts.contains(model.name()) ? ACCOUNT : "cast(null as varchar)";
        execute(changes + account + ", " + SqlIdentifiers.quoteLiteral(key) + ", " + keyValue + " from model_difference", model);
        long changedRows = Long.parseLong(strings("select count(*) from model_difference").get(0));
        execute("drop table model_difference", model);
        execute("drop table model_new_rows", model);
        return changedRows == 0 ? Change.NONE : Change.ACCOUNTS;
    }

    /**
     * Points the model's inputs at their rows of the keys to rebuild: an input with the key column is filtered by it,
     * and a view rebuilt by the same key is defined again over its own inputs so filtered (a filter on the view's
     * result would not reach below its window over every landed version).
     */
    private void filterByKey(Model model, String key) throws SQLException {
        for (String dependency : model.dependsOn()) {
            Model input = catalog.get(dependency);
            if (input != null && input.isView() && input.incrementalBy().equals(key)) {
                filterByKey(input, key);
                // a view in this schema reads the filtered views of this schema before those of main
                execute("create or replace view " + FILTERED + "." + dependency + " as\n" + input.sql(), model);
            } else if (hasColumn(dependency, key)) {
                execute("create or replace view " + FILTERED + "." + dependency + " as select * from main." + dependency
                        + " where cast(" + key + " as varchar) in (" + REBUILT_KEYS + ")", model);
            }
        }
    }

    /** An earlier model's filtered views must not stand in for this model's unfiltered inputs. */
    private void emptyFilteredSchema(Model model) throws SQLException {
        execute("drop schema if exists " + FILTERED + " cascade", model);
        execute("create schema " + FILTERED, model);
    }

    private boolean hasColumn(String table, String column) throws SQLException {
        return !strings("select 1 from duckdb_columns() where schema_name = 'main' and table_name = " + SqlIdentifiers.quoteLiteral(table)
                + " and column_name = " + SqlIdentifiers.quoteLiteral(column)).isEmpty();
    }

    /**
     * Leaves in temp table {@code model_difference} the rows one side has more often than the other. Counting
     * copies by grouping on every column is exact like EXCEPT ALL both ways (NULLs equal), at a third of its cost.
     */
    private void compare(Model model, String lastRows, String newRows) throws SQLException {
        StringJoiner columns = new StringJoiner(", ");
        strings("select column_name from duckdb_columns() where schema_name = 'main' and table_name = "
                + SqlIdentifiers.quoteLiteral(model.name()) + " order by column_index")
                .forEach(column -> columns.add(DuckDbFiles.quoteIdentifier(column)));
        execute("create or replace temp table model_difference as select " + columns + " from (select *, 1 as baton_side from ("
                + lastRows + ") union all select *, -1 as baton_side from (select * from " + newRows + ")) group by " + columns
                + " having sum(baton_side) <> 0", model);
    }

    /** The entity under which night_changes lists the accounts whose rows of this input changed. */
    static String changeSource(String dependency) {
        return dependency.startsWith("landed_") ? dependency.substring("landed_".length()) : "model " + dependency;
    }

    /**
     * Builds the model beside last night's table and keeps the new one; the accounts of the rows that differ are
     * noted as changed, or, for a table without accounts, any difference changes everything.
     */
    private Change rebuildAndCompare(Model model) throws SQLException {
        String next = "main." + model.name() + "__next";
        String last = "main." + model.name();
        execute("create or replace table " + next + " as\n" + model.sql(), model);
        compare(model, "select * from " + last, next);
        long differing = strings("select count(*) from model_difference").stream().mapToLong(Long::parseLong).sum();
        Change change = differing == 0 ? Change.NONE : Change.ALL;
        if (differing > 0 && withAccounts.contains(model.name())) {
            execute("insert into main.night_changes (entity, account_id) select distinct " + SqlIdentifiers.quoteLiteral(changeSource(model.name()))
                    + ", " + ACCOUNT + " from model_difference where " + ACCOUNT + " is not null", model);
            change = Change.ACCOUNTS;
        }
        execute("drop table model_difference", model);
        execute("drop table " + last, model);
        execute("alter table " + next + " rename to " + model.name(), model);
        return change;
    }

    private void record(Model model, String fingerprint, String how, Change change, double seconds) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into model_builds values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, model.name());
            insert.setString(2, fingerprint);
            insert.setObject(3, runDate);
            insert.setString(4, how);
            insert.setString(5, change.name().toLowerCase());
            if (how.equals(FOR_ACCOUNTS) || how.equals(FOR_KEYS)) {
                String rebuiltFor = how.equals(FOR_KEYS) ? KEYS_TO_REBUILD : ACCOUNTS_TO_REBUILD;
                insert.setLong(6, Long.parseLong(strings("select count(*) from " + rebuiltFor).get(0)));
            } else {
                insert.setNull(6, Types.BIGINT);
            }
            insert.setDouble(7, seconds);
            insert.executeUpdate();
        }
    }

    /** The same bytes as ever (SQL, NUL, settings, then 0x01 on a month's last day), so stored fingerprints still match. */
    private String fingerprint(Model model) {
        String text = model.sql() + '\0' + settings;
        if (runMonthComplete && model.sql().contains(PARTIAL_MONTH)) {
            // the run on the month's last day completes the month: a model that says whether it is partial is rebuilt
            text += '\u0001';
        }
        return Sha256.hex(text);
    }

    private void execute(String sql, Model model) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw ModelFailure.of(model, e, connection);
        }
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int column = 1; column <= columns; column++) {
                    values.add(String.valueOf(rows.getObject(column)));
                }
            }
        }
        return values;
    }
}
