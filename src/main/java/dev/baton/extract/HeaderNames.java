package dev.baton.extract;

import java.util.Locale;

/** How a delivery's column names are matched with the contract's. */
final class HeaderNames {

    private HeaderNames() {
    }

    static String normalise(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
