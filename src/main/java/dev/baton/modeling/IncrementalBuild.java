package dev.baton.modeling;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.baton.warehouse.NightChanges.Source;
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
 * <li>rebuilt <b>from a month</b> when its header says {@code recompute_from_month: <month column>} and every input that
 * changed noted the months of its changed rows: the rows of the months from the earliest of them on;</li>
 * <li>rebuilt <b>and compared</b> with last night's table when a model rebuilt per account reads it: rows that differ
 * add their accounts to {@code night_changes}, and a table without accounts that differs at all changes everything
 * downstream;</li>
 * <li>else rebuilt <b>whole</b>, and every model that reads it is then rebuilt whole too.</li>
 * </ul>
 * Every model's build (its fingerprint and what changed) goes to {@code model_builds}, and the accounts it changed to
 * {@code night_changes} (as entity {@code model <name>}), in the same transaction as its rows, so a restarted step
 * builds again whole what it had not finished. {@link BuildStrategy} chooses how a model is built, {@link PartialRebuild}
 * holds the SQL of each way, and {@link BuildLedger} reads and writes the two tables.
 */
final class IncrementalBuild {

    private static final Logger log = LoggerFactory.getLogger(IncrementalBuild.class);

    private static final String ACCOUNT = Model.ACCOUNT;
    private static final String RUN_CONTEXT = "run_context";
    private static final String IDENTITY_MAP = "identity_map";
    /** The column of a model that says its run month is valued on the run date, not on the month's last day. */
    private static final String PARTIAL_MONTH = "is_partial_month";

    private final BuildSql sql;
    private final BuildLedger ledger;
    private final PartialRebuild rebuilds;
    private final LocalDate runDate;
    private final String settings;
    private final Map<String, String> lastFingerprints;
    private final Map<String, Change> earlierSteps;
    private final Set<String> withAccounts;
    private final Set<String> tables;
    private final Set<Source> sourcesChanged;
    private final Set<String> readPerAccount;
    /** Tables the models read that no model builds and that carry no changes of their own (funnel_stage_map, ...). */
    private final Set<String> givenTables;
    private final ChangedMonths changedMonths;
    private final Map<String, Change> changes = new HashMap<>();
    private final StepAttempt attempt;
    private final RunDateMove runDateMove;
    private final boolean runMonthComplete;

    private IncrementalBuild(Connection connection, LocalDate runDate, List<Model> models, ModelCatalog catalog, boolean incremental,
            StepAttempt attempt) throws SQLException {
        this.sql = new BuildSql(connection);
        this.ledger = BuildLedger.on(connection);
        this.attempt = attempt;
        this.runDate = runDate;
        // run_date itself is left out: within a month the models depend on the run month, and on the day only through the
        // accounts RunDateMove names and, for a model reporting is_partial_month, whether the day is the month's last
        this.settings = String.join("|", sql.strings("select * exclude (run_date) from " + RUN_CONTEXT)) + "|" + YearMonth.from(runDate);
        this.runMonthComplete = runDate.equals(YearMonth.from(runDate).atEndOfMonth());
        this.lastFingerprints = new HashMap<>();
        this.earlierSteps = new HashMap<>();
        LocalDate lastRunDate = null;
        for (BuildLedger.Build built : incremental ? ledger.builds() : List.<BuildLedger.Build>of()) {
            lastFingerprints.put(built.model(), built.fingerprint());
            lastRunDate = lastRunDate == null || built.runDate().isAfter(lastRunDate) ? built.runDate() : lastRunDate;
            if (built.runDate().equals(runDate)) {
                earlierSteps.put(built.model(), built.changed());
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
        this.withAccounts = new HashSet<>(sql.strings("select distinct table_name from duckdb_columns() where schema_name = 'main'"
                + " and column_name = '" + ACCOUNT + "'"));
        this.tables = new HashSet<>(sql.strings("select table_name from duckdb_tables() where schema_name = 'main'"));
        this.runDateMove = RunDateMove.between(ledger, connection, lastRunDate, runDate, tables);
        this.sourcesChanged = ledger.changedSources();
        this.readPerAccount = new HashSet<>();
        models.stream().filter(model -> !model.incrementalBy().isEmpty()).forEach(model -> readPerAccount.addAll(model.dependsOn()));
        this.givenTables = new HashSet<>(catalog.inputTables());
        givenTables.removeIf(table -> BuildLedger.isLanded(table) || table.equals(RUN_CONTEXT) || table.equals(IDENTITY_MAP));
        Map<String, Model> byName = new HashMap<>();
        catalog.ordered().forEach(model -> byName.put(model.name(), model));
        this.changedMonths = new ChangedMonths(ledger, byName, withAccounts);
        this.rebuilds = new PartialRebuild(sql, ledger, withAccounts, byName);
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
        // last night's table of a model whose file is gone would otherwise be carried and published night after night
        for (BuildLedger.Build built : build.ledger.builds()) {
            if (catalog.ordered().stream().noneMatch(model -> model.name().equals(built.model()))) {
                build.sql.execute("drop table if exists main." + SqlIdentifiers.require(built.model()));
                build.ledger.forgetBuild(built.model());
            }
        }
        build.rebuilds.resetFilteredViews(true);
        return build;
    }

    void build(Model model) throws SQLException {
        long started = System.nanoTime();
        String fingerprint = fingerprint(model);
        StepAttempt.Finished finished = attempt.finished().get(model.name());
        if (finished != null && finished.fingerprint().equals(fingerprint)) {
            changes.put(model.name(), finished.change());
            log.info("model {} kept as the failed attempt built it (changed: {})", model.name(), finished.change().recorded());
            return;
        }
        // a model the failed attempt finished from other SQL or settings: its table is no longer last night's
        boolean sameAsLastNight = finished == null && fingerprint.equals(lastFingerprints.get(model.name()))
                && (model.isView() || tables.contains(model.name()));
        Change inputs = Change.NONE;
        for (String dependency : model.dependsOn()) {
            inputs = inputs.or(changeOf(model, dependency));
        }
        Connection connection = sql.connection();
        connection.setAutoCommit(false);
        try {
            BuildStrategy strategy = BuildStrategy.choose(model, new BuildStrategy.Facts(sameAsLastNight, inputs,
                    () -> changesKeyedBy(model), readsOnlyModelsWithAccounts(model), readPerAccount.contains(model.name()),
                    () -> earliestChangedMonth(model)));
            Change change = switch (strategy) {
                case KEPT -> keep(model);
                case FOR_KEYS -> rebuilds.rebuildChangedKeys(model, changedInputs(model));
                case FOR_ACCOUNTS -> rebuilds.rebuildChangedAccounts(model, changedInputs(model));
                case FROM_MONTH -> rebuilds.rebuildFromMonth(model, earliestChangedMonth(model));
                case WHOLE_AND_COMPARE -> rebuilds.rebuildAndCompare(model);
                case WHOLE -> rebuilds.rebuild(model);
            };
            // a table kept or rebuilt in part has last night's columns, read with the others when the step began;
            // only a table built whole (its SQL may have changed) or a view (recreated, not in that read) is looked up
            boolean sameColumns = !model.isView() && (strategy == BuildStrategy.KEPT || strategy.partial());
            if (!sameColumns && sql.hasColumn(model.name(), ACCOUNT)) {
                withAccounts.add(model.name());
            }
            if (change == Change.ACCOUNTS && !withAccounts.contains(model.name())) {
                change = Change.ALL;
            }
            changes.put(model.name(), change);
            if (finished != null) {
                ledger.forgetBuild(model.name());
                ledger.forgetChanges(model.name());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            ledger.record(new BuildLedger.Build(model.name(), fingerprint, runDate, strategy, change), rebuilds.rebuiltCount(strategy), seconds);
            long committing = System.nanoTime();
            connection.commit();
            log.info("model {} built as {} ({}; changed: {}) in {} ms, committed in {} ms", model.name(), model.isView() ? "view" : "table",
                    strategy.partial() ? "for the changed " + strategy.recorded()
                            : strategy == BuildStrategy.FROM_MONTH ? "from month " + earliestChangedMonth(model) : strategy.recorded(),
                    change.recorded(),
                    Math.round(seconds * 1000), (System.nanoTime() - committing) / 1_000_000);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** Drops the filtered views, so nothing of the incremental build is published. */
    void finish() throws SQLException {
        rebuilds.resetFilteredViews(false);
    }

    private Change keep(Model model) throws SQLException {
        if (model.isView()) {
            rebuilds.rebuild(model); // views do not survive the copy of last night's file
        }
        return Change.NONE;
    }

    private Change changeOf(Model model, String dependency) {
        return dependency.equals(RUN_CONTEXT) ? runDateMove.changeFor(model) : changeOf(dependency);
    }

    private Change changeOf(String dependency) {
        Change built = changes.get(dependency);
        if (built != null) {
            return built;
        }
        if (dependency.equals(RUN_CONTEXT)) {
            return Change.NONE; // part of every fingerprint
        }
        if (dependency.equals(IDENTITY_MAP)) {
            // written by kind: identities before the models, or empty in a job without it; a changed link moves rows
            // between accounts, which no per-account rebuild can follow
            return sourcesChanged.contains(Source.IDENTITY_MAP) ? Change.ALL : Change.NONE;
        }
        if (BuildLedger.isLanded(dependency)) {
            if (!sourcesChanged.contains(Source.ofInput(dependency))) {
                return Change.NONE;
            }
            return withAccounts.contains(dependency) ? Change.ACCOUNTS : Change.ALL;
        }
        if (givenTables.contains(dependency)) {
            return Change.NONE; // written before the models from the job file: its rows are part of the fingerprint
        }
        // a model of an earlier step of this run
        return earlierSteps.getOrDefault(dependency, Change.ALL);
    }

    /** The inputs whose rows changed for some accounts or keys only: the partial builds read their changes. */
    private List<String> changedInputs(Model model) {
        return model.dependsOn().stream().filter(dependency -> changeOf(model, dependency) == Change.ACCOUNTS).toList();
    }

    /** The earliest month this model's changed inputs reach, or null when not known (see {@link ChangedMonths}). */
    private LocalDate earliestChangedMonth(Model model) {
        Map<String, Change> inputs = new HashMap<>();
        model.dependsOn().forEach(dependency -> inputs.put(dependency, changeOf(model, dependency)));
        try {
            return changedMonths.earliest(model, inputs);
        } catch (SQLException e) {
            throw new IllegalStateException(ModelFailure.of(model, e, sql.connection()));
        }
    }

    /** Every input that changed tonight named its changed rows by the key this model is rebuilt by. */
    private boolean changesKeyedBy(Model model) {
        try {
            return ledger.changesKeyedBy(changedInputs(model), model.incrementalBy());
        } catch (SQLException e) {
            throw new IllegalStateException(ModelFailure.of(model, e, sql.connection()));
        }
    }

    /** Rows of a landed table are versions, not one row per key, so only models can be filtered by account. */
    private boolean readsOnlyModelsWithAccounts(Model model) {
        return model.dependsOn().stream()
                .filter(withAccounts::contains)
                .allMatch(dependency -> changes.containsKey(dependency) || earlierSteps.containsKey(dependency));
    }

    /**
     * The same bytes as ever (SQL, NUL, settings, then 0x01 on a month's last day), so stored fingerprints still match;
     * a bi table adds its materialization and a sorted table its order, so a changed header builds it whole; a model
     * that reads a table the job file fills (plan_product_line, funnel_stage_map) adds that table's rows, so a changed
     * mapping rebuilds it whole and an unchanged one is no change at all.
     */
    private String fingerprint(Model model) throws SQLException {
        String text = model.sql() + '\0' + settings;
        if (model.materializedAsTable()) {
            text += "\0materialized: table";
        }
        text += model.orderBy();
        for (String given : model.dependsOn().stream().filter(givenTables::contains).sorted().toList()) {
            text += '\0' + given + '\0' + String.join("\n", sql.strings("select cast(given as varchar) from main."
                    + SqlIdentifiers.require(given) + " as given order by 1"));
        }
        if (runMonthComplete && model.sql().contains(PARTIAL_MONTH)) {
            // the run on the month's last day completes the month: a model that says whether it is partial is rebuilt
            text += '\u0001';
        }
        return Sha256.hex(text);
    }
}
