package dev.baton.identity;

/**
 * The {@code with:} of a {@code kind: identities} step.
 *
 * @param crosswalk the user's crosswalk, a plain file name in the landing folder ({@code account_map.csv} by
 *        default; a missing file is an empty crosswalk)
 */
record IdentityOptions(String crosswalk) {

    static final String DEFAULT_CROSSWALK = "account_map.csv";

    IdentityOptions {
        crosswalk = crosswalk == null || crosswalk.isBlank() ? DEFAULT_CROSSWALK : crosswalk.strip();
        if (crosswalk.contains("/") || crosswalk.contains("\\") || crosswalk.startsWith(".")) {
            throw new IllegalArgumentException("crosswalk '" + crosswalk + "' must be a plain file name inside the landing folder");
        }
    }
}
