package dev.baton.modeling;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.baton.warehouse.NightChanges;

/**
 * The earliest month a model with {@code recompute_from_month:} must be rebuilt from: the earliest month its changed
 * inputs changed rows in. A model input notes its months in {@code night_changes} when it replaces rows (see
 * {@link PartialRebuild}); an input with one row per account (dim_account) has no month of its own, and reaches only
 * the months in which the model's month-grain inputs hold rows of its changed accounts (the header's promise: such an
 * input is only joined to those rows). Anything else that changed (a landed table, a model built whole, a key-grain
 * model such as fct_deal) leaves the month unknown, and the model is built whole.
 */
final class ChangedMonths {

    private static final String ACCOUNT = Model.ACCOUNT;

    private final BuildLedger ledger;
    private final Map<String, Model> catalog;
    /** The tables and views of the build file with an account_id column. */
    private final Set<String> withAccounts;
    /**
     * Each model's answer once worked out: the build asks when choosing, building and logging, and the answer may scan
     * the month tables for dim_account's changed accounts. Its inputs are built before it, so it cannot change.
     */
    private final Map<String, Optional<LocalDate>> answered = new HashMap<>();

    ChangedMonths(BuildLedger ledger, Map<String, Model> catalog, Set<String> withAccounts) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.withAccounts = withAccounts;
    }

    /**
     * @param inputs what changed tonight in each of the model's inputs
     * @return the earliest month, {@link NightChanges#NO_MONTH} when the changes reach no month, or null when not known
     */
    LocalDate earliest(Model model, Map<String, Change> inputs) throws SQLException {
        Optional<LocalDate> known = answered.get(model.name());
        if (known != null) {
            return known.orElse(null);
        }
        LocalDate earliest = workOut(model, inputs);
        answered.put(model.name(), Optional.ofNullable(earliest));
        return earliest;
    }

    private LocalDate workOut(Model model, Map<String, Change> inputs) throws SQLException {
        List<String> changed = model.dependsOn().stream().filter(dependency -> inputs.get(dependency) != Change.NONE).toList();
        // built whole (changed: all), such an input names no accounts: it is then one that noted no months
        List<String> perAccountRows = changed.stream()
                .filter(input -> isOneRowPerAccount(input) && inputs.get(input) == Change.ACCOUNTS).toList();
        Map<String, String> monthInputs = new HashMap<>();
        model.dependsOn().stream().map(catalog::get).filter(input -> input != null && input.perAccount() && !input.monthColumn().isEmpty())
                .forEach(input -> monthInputs.put(input.name(), input.monthColumn()));
        if (!perAccountRows.isEmpty() && monthInputs.isEmpty()) {
            return null;
        }
        List<String> noted = changed.stream().filter(input -> !perAccountRows.contains(input)).toList();
        LocalDate earliest = noted.isEmpty() ? NightChanges.NO_MONTH : ledger.earliestChangedMonth(noted);
        for (String input : perAccountRows) {
            LocalDate reached = ledger.earliestMonthOfChangedAccounts(input, monthInputs);
            earliest = earliest == null || reached.isAfter(earliest) ? earliest : reached;
        }
        return earliest;
    }

    /** A model rebuilt per account whose grain is one row per account (dim_account). */
    private boolean isOneRowPerAccount(String input) {
        Model model = catalog.get(input);
        return model != null && model.perAccount() && model.keyColumns().equals(List.of(ACCOUNT)) && withAccounts.contains(input);
    }
}
