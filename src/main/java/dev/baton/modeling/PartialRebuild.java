package dev.baton.modeling;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.NightChanges;
import dev.baton.warehouse.SqlIdentifiers;

/**
 * The SQL of the builds {@link BuildStrategy} chooses: a model built whole, built whole and compared with last night's
 * table, or rebuilt for the changed accounts or keys from filtered views of its inputs. Each returns what changed in
 * the model's rows and notes the changed accounts or keys in the {@link BuildLedger}.
 */
final class PartialRebuild {

    /** The filtered views a model built for the changed accounts or keys reads in place of its inputs. */
    private static final String FILTERED = "baton_changed";
    private static final String ACCOUNT = Model.ACCOUNT;
    /** The accounts the model being built is rebuilt for; the filtered views select them. */
    private static final String ACCOUNTS_TO_REBUILD = FILTERED + ".accounts_to_rebuild";
    private static final String REBUILT_ACCOUNTS = "select account_id from " + ACCOUNTS_TO_REBUILD;
    /** The keys the model being built by key is rebuilt for. */
    private static final String KEYS_TO_REBUILD = FILTERED + ".keys_to_rebuild";
    private static final String REBUILT_KEYS = "select key_value from " + KEYS_TO_REBUILD;

    private final BuildSql sql;
    private final BuildLedger ledger;
    /** The tables and views of the build file with an account_id column; a model joins when it is built with one. */
    private final Set<String> withAccounts;
    private final Map<String, Model> catalog;

    PartialRebuild(BuildSql sql, BuildLedger ledger, Set<String> withAccounts, Map<String, Model> catalog) {
        this.sql = sql;
        this.ledger = ledger;
        this.withAccounts = withAccounts;
        this.catalog = catalog;
    }

    /** Empties the schema of the filtered views; done when the build starts and, with nothing to publish, when it ends. */
    void resetFilteredViews(boolean recreate) throws SQLException {
        sql.execute("drop schema if exists " + FILTERED + " cascade");
        if (recreate) {
            sql.execute("create schema " + FILTERED);
        }
    }

    Change rebuild(Model model) throws SQLException {
        dropOtherKind(model);
        sql.execute("create or replace " + (model.isView() ? "view main." + model.name() + " as\n" + model.sql()
                : "table main." + model.name() + " as\n" + model.tableSql()), model);
        return Change.ALL;
    }

    /** A bi model whose header moved between materialized: view and table finds last night's other kind in its place. */
    private void dropOtherKind(Model model) throws SQLException {
        String other = model.isView() ? "table" : "view";
        String catalog = model.isView() ? "duckdb_tables()" : "duckdb_views()";
        String nameColumn = model.isView() ? "table_name" : "view_name";
        if (!sql.strings("select 1 from " + catalog + " where schema_name = 'main' and " + nameColumn + " = "
                + SqlIdentifiers.quoteLiteral(model.name())).isEmpty()) {
            sql.execute("drop " + other + " main." + model.name(), model);
        }
    }

    /** How many accounts or keys a partial build rebuilt, for {@code model_builds.accounts}; null for the others. */
    Long rebuiltCount(BuildStrategy strategy) throws SQLException {
        if (!strategy.partial()) {
            return null;
        }
        return sql.count("select * from " + (strategy == BuildStrategy.FOR_KEYS ? KEYS_TO_REBUILD : ACCOUNTS_TO_REBUILD));
    }

    /**
     * Computes again the rows of the accounts any input changed and replaces the rows of those accounts whose rows
     * differ from last night's, which are noted as changed (for a view: every account it was rebuilt for).
     */
    Change rebuildChangedAccounts(Model model, List<String> changedInputs) throws SQLException {
        emptyFilteredSchema(model);
        sql.execute("create or replace table " + ACCOUNTS_TO_REBUILD + " as " + BuildLedger.changedAccountsOf(changedInputs), model);
        if (model.isView()) {
            rebuild(model);
            ledger.noteAccounts(model.name(), REBUILT_ACCOUNTS);
            return Change.ACCOUNTS;
        }
        for (String dependency : model.dependsOn()) {
            if (withAccounts.contains(dependency)) {
                sql.execute("create or replace view " + FILTERED + "." + dependency + " as select * from main." + dependency
                        + " where " + ACCOUNT + " in (" + REBUILT_ACCOUNTS + ")", model);
            }
        }
        String accountsDiffering = replaceDiffering(model, ACCOUNT, REBUILT_ACCOUNTS);
        ledger.noteAccounts(model.name(), accountsDiffering);
        noteMonths(model);
        long changedAccounts = sql.count(accountsDiffering);
        sql.execute("drop table model_difference", model);
        sql.execute("drop table model_new_rows", model);
        return changedAccounts == 0 ? Change.NONE : Change.ACCOUNTS;
    }

    /**
     * Computes again the rows of the keys any input changed and replaces those whose rows differ from last night's,
     * noting them (with the accounts of their old and new rows) as changed; a view notes its inputs' changed keys.
     */
    Change rebuildChangedKeys(Model model, List<String> changedInputs) throws SQLException {
        String key = model.incrementalBy();
        emptyFilteredSchema(model);
        sql.execute("create or replace table " + KEYS_TO_REBUILD + " as " + BuildLedger.changedKeysOf(changedInputs), model);
        if (model.isView()) {
            rebuild(model);
            ledger.noteKeys(model.name(), BuildLedger.changesOf(changedInputs));
            return Change.ACCOUNTS;
        }
        filterByKey(model, key);
        String keyValue = "cast(" + key + " as varchar)";
        replaceDiffering(model, keyValue, REBUILT_KEYS);
        String account = withAccounts.contains(model.name()) ? ACCOUNT : "cast(null as varchar)";
        ledger.noteKeys(model.name(), "select " + account + ", " + SqlIdentifiers.quoteLiteral(key) + ", " + keyValue + " from model_difference");
        long changedRows = sql.count("select * from model_difference");
        sql.execute("drop table model_difference", model);
        sql.execute("drop table model_new_rows", model);
        return changedRows == 0 ? Change.NONE : Change.ACCOUNTS;
    }

    /**
     * Builds the model beside last night's table and keeps the new one; the accounts of the rows that differ are
     * noted as changed, or, for a table without accounts, any difference changes everything.
     */
    Change rebuildAndCompare(Model model) throws SQLException {
        String next = "main." + model.name() + "__next";
        String last = "main." + model.name();
        sql.execute("create or replace table " + next + " as\n" + model.tableSql(), model);
        compare(model, "select * from " + last, next);
        long differing = sql.count("select * from model_difference");
        Change change = differing == 0 ? Change.NONE : Change.ALL;
        if (differing > 0 && withAccounts.contains(model.name())) {
            ledger.noteAccounts(model.name(), "select distinct " + ACCOUNT + " from model_difference where " + ACCOUNT + " is not null");
            change = Change.ACCOUNTS;
        }
        noteMonths(model);
        sql.execute("drop table model_difference", model);
        sql.execute("drop table " + last, model);
        sql.execute("alter table " + next + " rename to " + model.name(), model);
        return change;
    }

    /**
     * Computes again the model's rows of the months from {@code from} on (its SQL filtered on its month column, which
     * DuckDB pushes down where it can), compares them with the table's rows of those months, and replaces the months
     * whose rows differ, which are noted as changed. Rows of earlier months are left: the header promises a change
     * from month {@code from} on cannot reach them.
     *
     * @return ALL when a row differs (the model has no accounts to name), else NONE
     */
    Change rebuildFromMonth(Model model, LocalDate from) throws SQLException {
        if (from.equals(NightChanges.NO_MONTH)) {
            return Change.NONE; // its inputs changed only rows that belong to no month, which reach none of its rows
        }
        String month = DuckDbFiles.quoteIdentifier(model.recomputeFromMonth());
        String fromMonth = month + " >= date '" + from + "'";
        sql.execute("create or replace temp table model_new_rows as select * from (\n" + model.sql() + "\n) as model_rows where "
                + fromMonth, model);
        compare(model, "select * from main." + model.name() + " where " + fromMonth, "model_new_rows");
        String differing = "select distinct " + month + " from model_difference";
        sql.execute("delete from main." + model.name() + " where " + month + " in (" + differing + ")", model);
        sql.execute("insert into main." + model.name() + " select * from model_new_rows where " + month + " in (" + differing + ")"
                + model.orderBy(), model);
        long differingRows = sql.count("select * from model_difference");
        noteMonths(model);
        sql.execute("drop table model_difference", model);
        sql.execute("drop table model_new_rows", model);
        return differingRows == 0 ? Change.NONE : Change.ALL;
    }

    /** Notes the months of the rows in {@code model_difference}, for a model with a month column. */
    private void noteMonths(Model model) throws SQLException {
        if (!model.monthColumn().isEmpty()) {
            ledger.noteMonths(model.name(), "select cast(" + DuckDbFiles.quoteIdentifier(model.monthColumn()) + " as date) from model_difference");
        }
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
        sql.execute("set search_path = '" + FILTERED + ",main'", model);
        try {
            sql.execute("create or replace temp table model_new_rows as select * from (\n" + model.sql() + "\n) as changed_rows", model);
        } finally {
            sql.execute("reset search_path", model);
        }
        String differing = "select distinct " + rebuiltBy + " from model_difference";
        compare(model, "select * from main." + model.name() + " where " + rebuiltBy + " in (" + rebuilt + ")", "model_new_rows");
        sql.execute("delete from main." + model.name() + " where " + rebuiltBy + " in (" + differing + ")", model);
        // appended in the model's sort order too, so the new rows' row groups keep narrow min/max ranges
        sql.execute("insert into main." + model.name() + " select * from model_new_rows where " + rebuiltBy + " in (" + differing + ")"
                + model.orderBy(), model);
        return differing;
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
                sql.execute("create or replace view " + FILTERED + "." + dependency + " as\n" + input.sql(), model);
            } else if (sql.hasColumn(dependency, key)) {
                sql.execute("create or replace view " + FILTERED + "." + dependency + " as select * from main." + dependency
                        + " where cast(" + key + " as varchar) in (" + REBUILT_KEYS + ")", model);
            }
        }
    }

    /** An earlier model's filtered views must not stand in for this model's unfiltered inputs. */
    private void emptyFilteredSchema(Model model) throws SQLException {
        sql.execute("drop schema if exists " + FILTERED + " cascade", model);
        sql.execute("create schema " + FILTERED, model);
    }

    /**
     * Leaves in temp table {@code model_difference} the rows one side has more often than the other. Counting
     * copies by grouping on every column is exact like EXCEPT ALL both ways (NULLs equal), at a third of its cost.
     */
    private void compare(Model model, String lastRows, String newRows) throws SQLException {
        StringJoiner columns = new StringJoiner(", ");
        sql.strings("select column_name from duckdb_columns() where schema_name = 'main' and table_name = "
                + SqlIdentifiers.quoteLiteral(model.name()) + " order by column_index")
                .forEach(column -> columns.add(DuckDbFiles.quoteIdentifier(column)));
        sql.execute("create or replace temp table model_difference as select " + columns + " from (select *, 1 as baton_side from ("
                + lastRows + ") union all select *, -1 as baton_side from (select * from " + newRows + ")) group by " + columns
                + " having sum(baton_side) <> 0", model);
    }
}
