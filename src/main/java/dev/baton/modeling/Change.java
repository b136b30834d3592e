package dev.baton.modeling;

/** What changed in a model's rows since last night, as {@code model_builds.changed} records it. */
enum Change {
    NONE, ACCOUNTS, ALL;

    Change or(Change other) {
        return compareTo(other) >= 0 ? this : other;
    }

    /** The value in {@code model_builds.changed}. */
    String recorded() {
        return name().toLowerCase();
    }

    static Change ofRecorded(String value) {
        return valueOf(value.toUpperCase());
    }
}
