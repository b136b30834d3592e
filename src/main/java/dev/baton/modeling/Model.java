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
 */
record Model(String name, String layer, String grain, List<String> keyColumns, List<String> dependsOn, String sql,
        String incrementalBy) {

    static final String ACCOUNT = "account_id";

    boolean perAccount() {
        return incrementalBy.equals(ACCOUNT);
    }

    /** Rebuilt for the changed values of its own grain key. */
    boolean perKey() {
        return !incrementalBy.isEmpty() && !perAccount();
    }

    private static final Pattern GRAIN_KEY = Pattern.compile("\\(([a-z0-9_,\\s]+)\\)\\s*$");

    /**
     * Staging models are views over the landed rows, bi models read-only views for dashboards over core and marts;
     * everything else is materialised as a table.
     */
    boolean isView() {
        return layer.equals("staging") || layer.equals("bi");
    }

    static List<String> keyColumnsOf(String grain) {
        Matcher matcher = GRAIN_KEY.matcher(grain);
        if (!matcher.find()) {
            return List.of();
        }
        return List.of(matcher.group(1).trim().split("\\s*,\\s*"));
    }
}
