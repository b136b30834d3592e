package dev.baton.modeling;

import java.util.List;
import java.util.Map;

/**
 * One named case of a model test file ({@code sql/<layer>/<model>.test.yml}): rows for some of the model's inputs
 * (the others are empty) and the rows the model must produce.
 *
 * @param file the test file, e.g. {@code sql/core/fct_mrr_month.test.yml}
 * @param line where the case's name is written (1-based)
 * @param given input table name to its rows, in the order written
 * @param expect the rows the model must produce; each compared on the columns it names
 * @param ordered whether the model's rows must come in the order of {@code expect}
 */
record ModelTestCase(String model, String file, int line, String name, Map<String, List<Row>> given, List<Row> expect,
        boolean ordered) {

    /** A row as written: column name to its text, {@code null} for a YAML null (a quoted 'null' is the text null). */
    record Row(int line, Map<String, String> values) {
    }

    /** The columns the expected rows name, in the order they are first written: the model's columns a diff shows. */
    List<String> comparedColumns() {
        return expect.stream().flatMap(row -> row.values().keySet().stream()).distinct().toList();
    }

    String where() {
        return file + ":" + line;
    }
}
