package dev.baton.extract;

import java.util.Locale;

/**
 * How a delivery's column names are matched with the contract's: ignoring case, spaces and punctuation, so
 * "Requester Email", "requester-email" and "REQUESTER_EMAIL" are all the contract's requester_email (and hashed).
 */
final class HeaderNames {

    private HeaderNames() {
    }

    static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
