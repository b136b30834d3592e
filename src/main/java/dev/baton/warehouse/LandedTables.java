package dev.baton.warehouse;

/**
 * The one place that knows how a landed entity's table is named: the extract lands each entity's rows in
 * {@code landed_<entity>}, and the models, the freshness check and the incremental build find them by that name.
 */
public final class LandedTables {

    private static final String PREFIX = "landed_";

    private LandedTables() {
    }

    /** The table an entity's rows land in; the entity must be a plain identifier. */
    public static String of(String entity) {
        return PREFIX + SqlIdentifiers.require(entity);
    }

    /** Whether a model input is a landed table rather than another model. */
    public static boolean isLanded(String table) {
        return table.startsWith(PREFIX);
    }

    /** The entity a landed table holds. */
    public static String entityOf(String table) {
        if (!isLanded(table)) {
            throw new IllegalArgumentException(table + " is not a landed table");
        }
        return table.substring(PREFIX.length());
    }
}
