package dev.baton.freshness;

import java.util.List;
import java.util.StringJoiner;

import dev.baton.warehouse.LandedTables;

/**
 * A fact feed whose newest date says how current the night's data is.
 *
 * @param entity the landed entity
 * @param billing true for the feed MRR is made of: when it is stale the night fails, when another is, it warns
 * @param dates the columns (as date expressions) whose latest value is the feed's newest date
 */
record Feed(String entity, boolean billing, List<String> dates) {

    static final List<Feed> FACTS = List.of(
            new Feed("subscriptions", true, List.of("start_date", "end_date", "cast(updated_at as date)")),
            new Feed("deals", false, List.of("cast(created_at as date)", "cast(closed_at as date)", "cast(updated_at as date)")),
            new Feed("tickets", false, List.of("cast(created_at as date)", "cast(solved_at as date)", "cast(updated_at as date)")));

    /**
     * The newest of those dates on or before the run date (bound as every parameter, one per date column): a contract
     * end or a start scheduled after the run date says nothing about how recently the feed was exported. One scan
     * of the table for all its date columns (a union of one scan per column took twice as long at 1.4M tickets).
     */
    String newestSql() {
        StringJoiner newest = new StringJoiner(", ", "select greatest(", ") from " + LandedTables.of(entity));
        for (String date : dates) {
            newest.add("max(case when " + date + " <= ? then " + date + " end)");
        }
        return newest.toString();
    }
}
