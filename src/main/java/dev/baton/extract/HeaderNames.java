package dev.baton.extract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.baton.extract.LandingContract.Column;

/**
 * How a delivery's column names are matched with the contract's: ignoring case, spaces and punctuation, so
 * "Requester Email", "requester-email" and "REQUESTER_EMAIL" are all the contract's requester_email (and hashed);
 * and the checks of a delivery's header against its contract, the same for every engine.
 */
final class HeaderNames {

    private HeaderNames() {
    }

    static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    /**
     * A delivery's column names as written, by {@link #normalise}d name. Two names for one contract column fail the
     * delivery: which one holds the value (and which one is personal data) is unknown.
     */
    static Map<String, String> of(List<String> names, LandingContract contract, String sourceFile) {
        Map<String, String> header = new LinkedHashMap<>();
        for (String name : names) {
            String earlier = header.putIfAbsent(normalise(name), name);
            if (earlier == null) {
                continue;
            }
            for (Column column : contract.columns()) {
                if (normalise(column.sourceName()).equals(normalise(name))) {
                    throw new IllegalArgumentException(sourceFile + ": line 1 has '" + earlier + "' and '" + name
                            + "', both column " + column.sourceName()
                            + " of the contract (names are matched ignoring case, spaces and punctuation)");
                }
            }
        }
        return header;
    }

    /** A delivery without a required column cannot be loaded at all. */
    static void requireColumns(LandingContract contract, Map<String, String> header, String sourceFile) {
        List<String> missing = contract.requiredColumns().stream()
                .map(Column::sourceName)
                .filter(name -> !header.containsKey(normalise(name)))
                .toList();
        if (!missing.isEmpty()) {
            throw new MissingColumnException(sourceFile + ": required column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " missing from the header (line 1); the header has "
                    + String.join(", ", header.values()));
        }
    }
}
