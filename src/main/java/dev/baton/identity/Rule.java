package dev.baton.identity;

import java.util.Locale;

/** Why a source identity belongs to its canonical account, in the order the rules are tried. */
enum Rule {
    SYSTEM_OF_RECORD, CROSSWALK, EXTERNAL_ID, DOMAIN, NAME, UNMATCHED;

    /** The value stored in {@code identity_map.rule}. */
    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Rule of(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }
}
