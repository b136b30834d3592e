package dev.baton.extract;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

import dev.baton.extract.LandingContract.Column;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.EditDistance;

/**
 * A delivery's columns against the contract's, after {@link HeaderNames#normalise}: the columns the delivery has and
 * the contract does not (unknown, not landed) and the optional contract columns it lacks (missing, landed empty). A
 * renamed column shows up as both, and loads as empty values without a single bad row; so an optional column that
 * is missing or entirely empty while an unknown column has a similar name is a warning.
 */
record ColumnCheck(List<String> unknown, List<String> missing, List<String> warnings) {
    // why "empty" for a missing column too: what the warehouse shows is the column landed empty

    static final ColumnCheck NONE = new ColumnCheck(List.of(), List.of(), List.of());

    /** An unknown name this close to a contract column's (edits over the longer length) is taken for a rename. */
    private static final double SIMILAR_DISTANCE = 0.25;

    /** Containment counts only for names at least this long: "id" is inside too many names to mean anything. */
    private static final int MIN_CONTAINED = 4;

    /**
     * @param header the delivery's columns by normalised name, as written in the delivery
     * @param incoming the temp table holding the delivery's text columns
     */
    static ColumnCheck of(LandingContract contract, Map<String, String> header, Statement statement, String incoming,
            String sourceFile) throws SQLException {
        return of(contract, header, present -> empty(present, header, statement, incoming), sourceFile);
    }

    /** Of the optional contract columns a delivery has (source names), those with no value in any row. */
    @FunctionalInterface
    interface EmptyColumns {
        List<String> of(List<String> present) throws SQLException;
    }

    /** @param empties how the engine that read the delivery finds its empty columns */
    static ColumnCheck of(LandingContract contract, Map<String, String> header, EmptyColumns empties, String sourceFile)
            throws SQLException {
        Set<String> contractNames = contract.columns().stream().map(column -> HeaderNames.normalise(column.sourceName()))
                .collect(Collectors.toSet());
        List<String> unknown = header.entrySet().stream().filter(entry -> !contractNames.contains(entry.getKey()))
                .map(Map.Entry::getValue).toList();
        List<String> missing = contract.columns().stream().filter(column -> !column.required())
                .map(Column::sourceName).filter(name -> !header.containsKey(HeaderNames.normalise(name))).toList();
        if (unknown.isEmpty()) {
            return new ColumnCheck(unknown, missing, List.of());
        }
        // Only a delivery with an unknown column can hold a renamed one, so only it pays for scanning the values.
        List<String> unfilled = new ArrayList<>(missing);
        List<String> present = contract.columns().stream().filter(column -> !column.required()).map(Column::sourceName)
                .filter(name -> header.containsKey(HeaderNames.normalise(name))).toList();
        if (!present.isEmpty()) {
            unfilled.addAll(empties.of(present));
        }
        List<String> warnings = new ArrayList<>();
        for (String column : unfilled) {
            unknown.stream().filter(name -> similar(column, name)).findFirst().ifPresent(name -> warnings.add(sourceFile
                    + ": column " + column + " is empty while the file has an unknown column " + name + "; rename it, or map it in a source mapping"));
        }
        return new ColumnCheck(unknown, missing, warnings);
    }

    /** Optional contract columns the delivery has but with no value in any row. */
    private static List<String> empty(List<String> present, Map<String, String> header, Statement statement,
            String incoming) throws SQLException {
        StringJoiner filled = new StringJoiner(", ");
        present.forEach(name -> filled.add("count(nullif(trim(" + DuckDbFiles.quoteIdentifier(header.get(HeaderNames.normalise(name)))
                + "), ''))"));
        List<String> empty = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("select " + filled + " from " + incoming)) {
            rows.next();
            for (int i = 0; i < present.size(); i++) {
                if (rows.getLong(i + 1) == 0) {
                    empty.add(present.get(i));
                }
            }
        }
        return empty;
    }

    /** One normalised name inside the other (deal_amount, amount), or a few edits apart (ammount, amount). */
    static boolean similar(String contractName, String deliveredName) {
        String a = HeaderNames.normalise(contractName);
        String b = HeaderNames.normalise(deliveredName);
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        if (shorter.length() >= MIN_CONTAINED && longer.contains(shorter)) {
            return true;
        }
        return (double) EditDistance.levenshtein(a, b) / longer.length() <= SIMILAR_DISTANCE;
    }

    /** The names as stored in load_reconciliation: comma-separated, null when there are none. */
    static String stored(List<String> names) {
        return names.isEmpty() ? null : String.join(", ", names);
    }

    static List<String> parse(String stored) {
        return stored == null || stored.isBlank() ? List.of() : List.of(stored.split(", "));
    }

    /** What the run summary says of this delivery; empty when its columns are the contract's. */
    String note(String sourceFile) {
        StringJoiner note = new StringJoiner("; ", sourceFile + ": ", "").setEmptyValue("");
        if (!unknown.isEmpty()) {
            note.add("unknown columns " + String.join(", ", unknown) + " (not landed)");
        }
        if (!missing.isEmpty()) {
            note.add("missing optional columns " + String.join(", ", missing));
        }
        return note.toString();
    }
}
