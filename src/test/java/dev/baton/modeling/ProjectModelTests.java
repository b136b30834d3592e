package dev.baton.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.baton.warehouse.ProjectFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every case of every {@code sql/<layer>/<model>.test.yml} of the project, one JUnit test each: the build runs them all. */
class ProjectModelTests {

    private static ModelTests tests;

    @TestFactory
    Stream<DynamicTest> everyModelTestCase() {
        // given
        tests = ModelTests.load(new ProjectFiles(Path.of(".")), List.of());
        assertThat(tests.cases()).extracting(ModelTestCase::model).contains("fct_mrr_month", "fct_mrr_movement",
                "mart_cohort_nrr", "mart_churn_monthly", "mart_ltv_cac", "fct_handoff", "mart_handoff_quality",
                "mart_account_health");
        return tests.cases().stream().map(testCase -> DynamicTest.dynamicTest(testCase.model() + " › " + testCase.name(),
                () -> {
                    // when
                    ModelTestResult result = tests.run(testCase);
                    // then
                    assertThat(result.passed()).as(result.describe()).isTrue();
                }));
    }

    @AfterAll
    static void close() {
        if (tests != null) {
            tests.close();
        }
    }
}
