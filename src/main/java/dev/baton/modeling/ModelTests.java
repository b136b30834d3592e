package dev.baton.modeling;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.baton.warehouse.ProjectFiles;

/**
 * Model unit tests as data ({@code sql/<layer>/<model>.test.yml}, see docs/models.md): what {@code baton test} and
 * the Maven build run. Each case runs in an in-memory DuckDB of its own, in milliseconds, without a night.
 */
public final class ModelTests implements AutoCloseable {

    /** How a {@code baton test} went. */
    public record Summary(int passed, int failed, long millis) {

        public boolean allPassed() {
            return failed == 0;
        }
    }

    private final List<ModelTestCase> cases;
    private final ModelTestRunner runner;

    private ModelTests(List<ModelTestCase> cases, ModelTestRunner runner) {
        this.cases = cases;
        this.runner = runner;
    }

    /**
     * The cases of these models (all models' when empty), ready to run.
     *
     * @throws IllegalArgumentException a model that does not exist or has no test file, or a malformed test file
     *         ({@link ModelTestProblem}, naming file, case and line)
     */
    static ModelTests load(ProjectFiles files, List<String> models) {
        ModelCatalog catalog = ModelCatalog.load(files);
        List<ModelTestCase> all = ModelTestFile.readAll(files);
        for (ModelTestCase testCase : all) {
            Model model = catalog.ordered().stream().filter(candidate -> candidate.name().equals(testCase.model())).findFirst()
                    .orElseThrow(() -> new ModelTestProblem(testCase.file(), 0, null, "there is no model " + testCase.model()
                            + " (a test file is named after its model: sql/<layer>/<model>" + ModelTestFile.SUFFIX + ")"));
            String expected = "sql/" + model.layer() + "/" + model.name() + ModelTestFile.SUFFIX;
            if (!testCase.file().equals(expected)) {
                throw new ModelTestProblem(testCase.file(), 0, null, "a model's tests lie beside it: " + expected);
            }
        }
        Set<String> tested = new TreeSet<>();
        all.forEach(testCase -> tested.add(testCase.model()));
        for (String name : models) {
            if (catalog.ordered().stream().noneMatch(model -> model.name().equals(name))) {
                throw new IllegalArgumentException("there is no model " + name);
            }
            if (!tested.contains(name)) {
                throw new IllegalArgumentException("model " + name + " has no tests (sql/<layer>/" + name + ModelTestFile.SUFFIX + ")");
            }
        }
        List<ModelTestCase> chosen = models.isEmpty() ? all
                : all.stream().filter(testCase -> models.contains(testCase.model())).toList();
        Set<String> chosenModels = new LinkedHashSet<>();
        chosen.forEach(testCase -> chosenModels.add(testCase.model()));
        return new ModelTests(chosen, new ModelTestRunner(catalog, ModelTestSchema.of(catalog, chosenModels)));
    }

    List<ModelTestCase> cases() {
        return cases;
    }

    ModelTestResult run(ModelTestCase testCase) {
        return runner.run(testCase);
    }

    @Override
    public void close() {
        runner.close();
    }

    /**
     * Runs the cases of these models (all when empty), printing a line per case and a row diff per failure.
     *
     * @throws IllegalArgumentException as {@link #load}, or when a case proves malformed as it runs
     */
    public static Summary run(ProjectFiles files, List<String> models, PrintStream out) {
        long started = System.nanoTime();
        int passed = 0;
        int failed = 0;
        try (ModelTests tests = load(files, models)) {
            for (ModelTestCase testCase : tests.cases()) {
                ModelTestResult result = tests.run(testCase);
                out.println(result.describe());
                if (result.passed()) {
                    passed++;
                } else {
                    failed++;
                }
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        out.printf("%d cases: %d passed, %d failed (%d ms)%n", passed + failed, passed, failed, millis);
        return new Summary(passed, failed, millis);
    }
}
