package dev.baton.modeling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.ProjectFiles.ProjectFile;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the model test files, {@code sql/<layer>/<model>.test.yml}. Only files with that suffix: a model's
 * {@code <model>.yml} (its column descriptions) is not a test file. Read as YAML nodes rather than bound to
 * classes, so every problem can name its line, and a value keeps the text it was written as (2025-01-15 stays a
 * date's text, 0.80 keeps its decimals) until the column's type says what it is.
 */
final class ModelTestFile {

    static final String SUFFIX = ".test.yml";
    private static final Set<String> CASE_KEYS = Set.of("description", "given", "expect", "ordered");
    private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

    private final String path;
    private String caseName;

    private ModelTestFile(String path) {
        this.path = path;
    }

    /** Every test file of the project, each with its cases, in path order. */
    static List<ModelTestCase> readAll(ProjectFiles files) {
        List<ModelTestCase> cases = new ArrayList<>();
        for (ProjectFile file : files.find("sql", SUFFIX)) {
            cases.addAll(parse(file));
        }
        return cases;
    }

    static List<ModelTestCase> parse(ProjectFile file) {
        return new ModelTestFile(file.path()).cases(file);
    }

    private List<ModelTestCase> cases(ProjectFile file) {
        String model = file.fileName().substring(0, file.fileName().length() - SUFFIX.length());
        Optional<Node> document;
        try {
            document = new Compose(LoadSettings.builder().setLabel(path).build()).composeString(file.text());
        } catch (YamlEngineException e) {
            throw new ModelTestProblem(path, 0, null, "not valid YAML: " + e.getMessage().replaceAll("\\s+", " ").strip());
        }
        if (document.isEmpty()) {
            throw problem(null, "holds no cases");
        }
        List<ModelTestCase> cases = new ArrayList<>();
        for (NodeTuple entry : mapping(document.get(), "the file must map each case's name to the case").getValue()) {
            caseName = null;
            caseName = scalar(entry.getKeyNode(), "a case's name");
            if (caseName == null || caseName.isBlank()) {
                throw problem(entry.getKeyNode(), "a case needs a name");
            }
            if (cases.stream().anyMatch(other -> other.name().equals(caseName))) {
                throw problem(entry.getKeyNode(), "a second case has this name");
            }
            cases.add(testCase(model, entry.getKeyNode(), entry.getValueNode()));
        }
        if (cases.isEmpty()) {
            throw problem(null, "holds no cases");
        }
        return cases;
    }

    private ModelTestCase testCase(String model, Node nameNode, Node body) {
        Map<String, List<ModelTestCase.Row>> given = new LinkedHashMap<>();
        List<ModelTestCase.Row> expect = null;
        boolean ordered = false;
        for (NodeTuple entry : mapping(body, "a case maps given:, expect: (and optionally description:, ordered:)").getValue()) {
            String key = scalar(entry.getKeyNode(), "a key");
            switch (key == null ? "" : key) {
                case "description" -> scalar(entry.getValueNode(), "description");
                case "ordered" -> ordered = bool(entry.getValueNode());
                case "given" -> {
                    Node inputs = entry.getValueNode();
                    if (!(inputs instanceof ScalarNode scalar && NULLS.contains(scalar.getValue()))) {
                        for (NodeTuple input : mapping(inputs, "given: maps each input table to its rows").getValue()) {
                            String table = scalar(input.getKeyNode(), "an input table's name");
                            if (given.put(table, rows(input.getValueNode(), "input " + table)) != null) {
                                throw problem(input.getKeyNode(), "input " + table + " is given twice");
                            }
                        }
                    }
                }
                case "expect" -> expect = rows(entry.getValueNode(), "expect");
                default -> throw problem(entry.getKeyNode(), "unknown key '" + key + "' (a case has " + String.join(", ",
                        CASE_KEYS.stream().sorted().toList()) + ")");
            }
        }
        if (expect == null) {
            throw problem(nameNode, "has no expect: (write expect: [] for a model that must produce no rows)");
        }
        return new ModelTestCase(model, path, line(nameNode), caseName, given, expect, ordered);
    }

    private List<ModelTestCase.Row> rows(Node node, String what) {
        if (node instanceof ScalarNode scalar && NULLS.contains(scalar.getValue()) && scalar.getScalarStyle() == ScalarStyle.PLAIN) {
            return List.of();
        }
        if (!(node instanceof SequenceNode sequence)) {
            throw problem(node, what + " must be a list of rows, e.g. - {account_id: A1, mrr: 100}");
        }
        List<ModelTestCase.Row> rows = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            Map<String, String> values = new LinkedHashMap<>();
            for (NodeTuple cell : mapping(item, what + ": a row maps column names to values").getValue()) {
                String column = scalar(cell.getKeyNode(), "a column name");
                if (values.containsKey(column)) {
                    throw problem(cell.getKeyNode(), what + ": column " + column + " is written twice in one row");
                }
                String value = scalar(cell.getValueNode(), what + "." + column);
                values.put(column, value);
            }
            rows.add(new ModelTestCase.Row(line(item), values));
        }
        return rows;
    }

    private boolean bool(Node node) {
        String text = scalar(node, "ordered");
        if (!"true".equals(text) && !"false".equals(text)) {
            throw problem(node, "ordered: is true or false");
        }
        return Boolean.parseBoolean(text);
    }

    /** A scalar's text, null for a plain null; anything else (a list, a mapping) is a problem. */
    private String scalar(Node node, String what) {
        if (!(node instanceof ScalarNode scalar)) {
            throw problem(node, what + " must be a single value, not a list or a mapping");
        }
        if (scalar.getScalarStyle() == ScalarStyle.PLAIN && NULLS.contains(scalar.getValue())) {
            return null;
        }
        return scalar.getValue();
    }

    private MappingNode mapping(Node node, String expectation) {
        if (!(node instanceof MappingNode mapping)) {
            throw problem(node, expectation);
        }
        return mapping;
    }

    private ModelTestProblem problem(Node node, String message) {
        return new ModelTestProblem(path, node == null ? 0 : line(node), caseName, message);
    }

    private static int line(Node node) {
        return node.getStartMark().map(Mark::getLine).map(line -> line + 1).orElse(0);
    }
}
