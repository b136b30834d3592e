package dev.baton.modeling;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The model's rows against the expected ones, each expected row on the columns it names: which expected rows the model did
 * not produce (each with the produced row nearest to it and the columns where they differ) and which produced rows
 * nobody expected. Rows are matched as a multiset unless the case is {@code ordered}.
 *
 * <p>Values are compared by the column's type: numbers by value (100 matches 100.000000); a DOUBLE rounded to the
 * decimals the expected value is written with (1.0833 matches 1.083333...), since a hand-worked ratio is written to
 * some precision; a timestamp may be written with a T; anything else as text.
 */
record ModelTestDiff(List<Map<String, String>> missing, List<Nearest> nearest, List<Map<String, String>> unexpected) {

    /** For a missing row: the unmatched produced row nearest to it, and the columns where the two differ. */
    record Nearest(Map<String, String> produced, List<String> differingColumns) {
    }

    private static final Set<String> INEXACT = Set.of("DOUBLE", "FLOAT", "REAL");

    boolean passed() {
        return missing.isEmpty() && unexpected.isEmpty();
    }

    static ModelTestDiff compare(ModelTestCase testCase, List<ModelTestSchema.Column> columns, List<Map<String, String>> actual) {
        List<Map<String, String>> expected = new ArrayList<>();
        for (ModelTestCase.Row row : testCase.expect()) {
            Map<String, String> values = new LinkedHashMap<>();
            for (ModelTestSchema.Column column : columns) {
                if (row.values().containsKey(column.name())) {
                    String value = row.values().get(column.name());
                    checkWritable(testCase, row, column, value);
                    values.put(column.name(), value);
                }
            }
            expected.add(values);
        }
        List<Map<String, String>> missing = new ArrayList<>();
        List<Map<String, String>> unmatched = new ArrayList<>(actual);
        if (testCase.ordered()) {
            List<Map<String, String>> unexpected = new ArrayList<>();
            for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
                boolean same = i < expected.size() && i < actual.size() && differing(columns, expected.get(i), actual.get(i)).isEmpty();
                if (!same && i < expected.size()) {
                    missing.add(expected.get(i));
                }
                if (!same && i < actual.size()) {
                    unexpected.add(actual.get(i));
                }
            }
            unmatched = unexpected;
        } else {
            for (Map<String, String> row : expected) {
                int match = -1;
                for (int i = 0; i < unmatched.size() && match < 0; i++) {
                    if (differing(columns, row, unmatched.get(i)).isEmpty()) {
                        match = i;
                    }
                }
                if (match < 0) {
                    missing.add(row);
                } else {
                    unmatched.remove(match);
                }
            }
        }
        List<Nearest> nearest = new ArrayList<>();
        for (Map<String, String> row : missing) {
            Nearest best = null;
            for (Map<String, String> produced : unmatched) {
                List<String> differing = differing(columns, row, produced);
                if (best == null || differing.size() < best.differingColumns().size()) {
                    best = new Nearest(produced, differing);
                }
            }
            nearest.add(best);
        }
        return new ModelTestDiff(missing, nearest, unmatched);
    }

    private static List<String> differing(List<ModelTestSchema.Column> columns, Map<String, String> expected, Map<String, String> actual) {
        List<String> differing = new ArrayList<>();
        for (ModelTestSchema.Column column : columns) {
            // a column the expected row does not name is not compared in that row (write null to expect NULL)
            if (expected.containsKey(column.name()) && !same(column.type(), expected.get(column.name()), actual.get(column.name()))) {
                differing.add(column.name());
            }
        }
        return differing;
    }

    static boolean same(String type, String expected, String actual) {
        if (expected == null || actual == null) {
            return expected == null && actual == null;
        }
        if (numeric(type)) {
            BigDecimal written = new BigDecimal(expected.strip());
            BigDecimal value = new BigDecimal(actual);
            if (INEXACT.contains(type)) {
                value = value.setScale(Math.max(written.scale(), 0), RoundingMode.HALF_UP);
            }
            return written.compareTo(value) == 0;
        }
        if (type.startsWith("TIMESTAMP")) {
            return Objects.equals(expected.replace('T', ' '), actual) || Objects.equals(expected.replace('T', ' ') + ":00", actual);
        }
        if (type.equals("BOOLEAN")) {
            return expected.equalsIgnoreCase(actual);
        }
        return expected.equals(actual);
    }

    static boolean numeric(String type) {
        return INEXACT.contains(type) || type.startsWith("DECIMAL") || type.endsWith("INT") || type.equals("INTEGER")
                || type.equals("HUGEINT") || type.equals("UHUGEINT");
    }

    /** An expected value that is not of the column's type is a mistake in the test, not a failure of the model. */
    private static void checkWritable(ModelTestCase testCase, ModelTestCase.Row row, ModelTestSchema.Column column, String value) {
        if (value == null || !numeric(column.type())) {
            return;
        }
        try {
            new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new ModelTestProblem(testCase.file(), row.line(), testCase.name(), "expect: " + column.name() + " is a number ("
                    + column.type() + "), got '" + value + "'");
        }
    }
}
