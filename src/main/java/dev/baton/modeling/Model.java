package dev.baton.modeling;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SQL model: a file {@code sql/<layer>/<name>.sql} holding a header comment and one SELECT.
 *
 * @param keyColumns the columns in parentheses at the end of the grain line; they must be unique together
 * @param incrementalBy the column of the header's {@code incremental_by:}, or empty. {@code account_id}: an account's
 *        rows are computed from that account's rows of every input that has an account_id, and from inputs without
 *        accounts, never from the rows of other accounts. Another column, the model's grain key: a key's row is
 *        computed from the rows with that key of every input that has the column, and from inputs without it.
 * @param materializedAsTable a bi model's header said {@code materialized: table}: a dashboard reads stored rows rather
 *        than computing the view on every query (staging models are always views, core and marts always tables)
 * @param sortedBy the columns of the header's {@code sorted_by:}, or none: the table is written in that order, so
 *        DuckDB's per-row-group min/max (zone maps) skip most of it for a filter on the leading column
 * @param recomputeFromMonth the column of the header's {@code recompute_from_month:}, or empty: a date column holding
 *        the first day of the month a row belongs to, and the promise that a row of month m is never computed from
 *        input rows of months after m (so a change whose earliest month is M alters no row before M), and that an
 *        input with one row per account (dim_account) is only joined to that account's rows of its month-grain inputs.
 *        Such a model, when the months its changed inputs reach are known, is rebuilt from the earliest of them on
 */
record Model(String name, String layer, String grain, List<String> keyColumns, List<String> dependsOn, String sql,
        String incrementalBy, boolean materializedAsTable, List<String> sortedBy, String recomputeFromMonth) {

    static final String ACCOUNT = "account_id";
    /** The names a per-account model's month key column may have (its rows' months are noted when they change). */
    private static final List<String> MONTH_KEYS = List.of("month_start", "month");

    /** A model as its layer builds it, unsorted. */
    Model(String name, String layer, String grain, List<String> keyColumns, List<String> dependsOn, String sql, String incrementalBy) {
        this(name, layer, grain, keyColumns, dependsOn, sql, incrementalBy, false, List.of(), "");
    }

    /** A model not rebuilt by month. */
    Model(String name, String layer, String grain, List<String> keyColumns, List<String> dependsOn, String sql, String incrementalBy,
            boolean materializedAsTable, List<String> sortedBy) {
        this(name, layer, grain, keyColumns, dependsOn, sql, incrementalBy, materializedAsTable, sortedBy, "");
    }

    /**
     * The column by which the months of this model's changed rows are noted, or empty: its recompute_from_month column,
     * or for a model rebuilt per account, its grain key column month_start (or month).
     */
    String monthColumn() {
        if (!recomputeFromMonth.isEmpty()) {
            return recomputeFromMonth;
        }
        if (!perAccount() || !keyColumns.contains(ACCOUNT)) {
            return "";
        }
        return keyColumns.stream().filter(MONTH_KEYS::contains).findFirst().orElse("");
    }

    boolean perAccount() {
        return incrementalBy.equals(ACCOUNT);
    }

    /** Rebuilt for the changed values of its own grain key. */
    boolean perKey() {
        return !incrementalBy.isEmpty() && !perAccount();
    }

    private static final Pattern GRAIN_KEY = Pattern.compile("\\(([a-z0-9_,\\s]+)\\)\\s*$");

    /**
     * Staging models are views over the landed rows, bi models read-only views for dashboards over core and marts
     * unless their header says {@code materialized: table}; everything else is materialised as a table.
     */
    boolean isView() {
        return layer.equals("staging") || layer.equals("bi") && !materializedAsTable;
    }

    /** The order a table's rows are written in, {@code order by ...}, or nothing when the header gives none. */
    String orderBy() {
        return sortedBy.isEmpty() ? "" : "\norder by " + String.join(", ", sortedBy);
    }

    /** The SELECT whose rows a table stores, in its sorted_by order (wrapped: the model's own SELECT may end in a limit). */
    String tableSql() {
        return sortedBy.isEmpty() ? sql : "select * from (\n" + sql + "\n) as model_rows" + orderBy();
    }

    static List<String> keyColumnsOf(String grain) {
        Matcher matcher = GRAIN_KEY.matcher(grain);
        if (!matcher.find()) {
            return List.of();
        }
        return List.of(matcher.group(1).trim().split("\\s*,\\s*"));
    }
}
