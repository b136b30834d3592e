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
 */
record Model(String name, String layer, String grain, List<String> keyColumns, List<String> dependsOn, String sql,
        String incrementalBy, boolean materializedAsTable, List<String> sortedBy) {

    static final String ACCOUNT = "account_id";

    /** A model as its layer builds it, unsorted. */
    Model(String name, String layer, String grain, List<String> keyColumns, List<String> dependsOn, String sql, String incrementalBy) {
        this(name, layer, grain, keyColumns, dependsOn, sql, incrementalBy, false, List.of());
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
