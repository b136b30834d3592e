package dev.baton.modeling;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * How one case went: passed, failed with a row diff, or the model's SQL failed on the case's rows.
 *
 * @param diff null when the model failed to run
 * @param error why the model failed to run, else null
 */
record ModelTestResult(ModelTestCase testCase, ModelTestDiff diff, String error, long millis) {

    static ModelTestResult of(ModelTestCase testCase, ModelTestDiff diff, long millis) {
        return new ModelTestResult(testCase, diff, null, millis);
    }

    static ModelTestResult error(ModelTestCase testCase, String error, long millis) {
        return new ModelTestResult(testCase, null, error, millis);
    }

    boolean passed() {
        return error == null && diff.passed();
    }

    /** "PASS model › case (3 ms)", and on failure what went wrong, a line per missing and unexpected row. */
    String describe() {
        String title = testCase.model() + " › " + testCase.name();
        if (passed()) {
            return "PASS " + title + " (" + millis + " ms)";
        }
        StringBuilder text = new StringBuilder("FAIL " + title + " (" + testCase.where() + ", " + millis + " ms)\n");
        if (error != null) {
            return text.append("  ").append(error).toString().stripTrailing();
        }
        for (int i = 0; i < diff.missing().size(); i++) {
            Map<String, String> row = diff.missing().get(i);
            text.append("  missing     ").append(row(row)).append('\n');
            ModelTestDiff.Nearest nearest = diff.nearest().get(i);
            if (nearest != null) {
                text.append("              nearest produced row differs in ").append(nearest.differingColumns().stream()
                        .map(column -> column + " (expected " + row.get(column) + ", got " + nearest.produced().get(column) + ")")
                        .collect(Collectors.joining(", "))).append('\n');
            }
        }
        for (Map<String, String> row : diff.unexpected()) {
            text.append("  unexpected  ").append(row(row)).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private static String row(Map<String, String> row) {
        return row.entrySet().stream().map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
