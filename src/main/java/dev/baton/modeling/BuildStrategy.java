package dev.baton.modeling;

import java.time.LocalDate;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * How a model is built tonight (see {@link IncrementalBuild}), as {@code model_builds.build} records it. Choosing is
 * pure: what the choice needs to know of the build file is handed in.
 */
enum BuildStrategy {
    /** Its SQL, the settings and its inputs are last night's: the table stays as it is. */
    KEPT("kept"),
    /** Rows of the changed values of its grain key computed again (header {@code incremental_by: <grain key>}). */
    FOR_KEYS("keys"),
    /** Rows of the changed accounts computed again (header {@code incremental_by: account_id}). */
    FOR_ACCOUNTS("accounts"),
    /**
     * Rows of the months from the earliest its changed inputs changed in computed again (header
     * {@code recompute_from_month: <month column>}).
     */
    FROM_MONTH("months"),
    /** Built whole; everything that reads it is built whole too. */
    WHOLE("full"),
    /** Built whole beside last night's table and compared with it, as a model built per account reads it. */
    WHOLE_AND_COMPARE("full");

    private final String recorded;

    BuildStrategy(String recorded) {
        this.recorded = recorded;
    }

    /** The value in {@code model_builds.build} (both whole builds record {@code full}, read back as WHOLE). */
    String recorded() {
        return recorded;
    }

    static BuildStrategy ofRecorded(String value) {
        for (BuildStrategy strategy : values()) {
            if (strategy.recorded.equals(value)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("not a model build: " + value);
    }

    /** Rebuilt for some accounts or keys only: {@code model_builds.accounts} counts them. */
    boolean partial() {
        return this == FOR_ACCOUNTS || this == FOR_KEYS;
    }

    /**
     * What the build file tells of a model before it is built.
     *
     * @param sameAsLastNight its fingerprint is last night's and last night's table (or view) is there
     * @param inputs what changed in its inputs since last night
     * @param changesKeyedByGrain every input that changed named its changed rows by the model's incremental_by key
     *     (asked only when a build by key is otherwise possible: it reads {@code night_changes})
     * @param readsOnlyModelsWithAccounts every input with an account_id is a model built before it (a landed table
     *     holds versions, not one row per key, so it cannot be filtered by account)
     * @param readPerAccount a model built per account reads it, so its changed accounts are worth knowing
     * @param earliestChangedMonth the earliest month any changed input changed rows in, or null when one of them changed
     *     without noting its months (asked only of a model with recompute_from_month: it reads {@code night_changes})
     */
    record Facts(boolean sameAsLastNight, Change inputs, BooleanSupplier changesKeyedByGrain, boolean readsOnlyModelsWithAccounts,
            boolean readPerAccount, Supplier<LocalDate> earliestChangedMonth) {

        /** The facts of a build where no input noted months. */
        Facts(boolean sameAsLastNight, Change inputs, BooleanSupplier changesKeyedByGrain, boolean readsOnlyModelsWithAccounts,
                boolean readPerAccount) {
            this(sameAsLastNight, inputs, changesKeyedByGrain, readsOnlyModelsWithAccounts, readPerAccount, () -> null);
        }
    }

    static BuildStrategy choose(Model model, Facts facts) {
        if (!facts.sameAsLastNight()) {
            return WHOLE;
        }
        if (facts.inputs() == Change.NONE) {
            return KEPT;
        }
        if (facts.inputs() == Change.ACCOUNTS && model.perKey() && facts.changesKeyedByGrain().getAsBoolean()) {
            return FOR_KEYS;
        }
        if (facts.inputs() == Change.ACCOUNTS && model.perAccount() && (model.isView() || facts.readsOnlyModelsWithAccounts())) {
            return FOR_ACCOUNTS;
        }
        if (!model.recomputeFromMonth().isEmpty() && !model.isView() && facts.earliestChangedMonth().get() != null) {
            return FROM_MONTH;
        }
        if (!model.isView() && model.incrementalBy().isEmpty() && facts.readPerAccount()) {
            return WHOLE_AND_COMPARE;
        }
        return WHOLE;
    }
}
