package dev.baton.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.baton.warehouse.ProjectFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model test tool itself: a wrong expectation fails with a row diff, a malformed file is named with its line. */
class ModelTestsTests {

    @TempDir
    Path project;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void models() throws IOException {
        write("sql/staging/stg_runs.sql", """
                /* model: stg_runs
                   grain: one row per run (run_date)
                   depends_on: run_context
                */
                select run_date, reporting_currency, gross_margin from run_context
                """);
        write("sql/core/fct_runs_by_currency.sql", """
                /* model: fct_runs_by_currency
                   grain: one row per reporting currency (reporting_currency)
                   depends_on: stg_runs
                */
                with runs as (
                    select * from stg_runs
                )
                select reporting_currency, count(*) as runs, avg(gross_margin) as average_margin
                from runs
                group by reporting_currency
                """);
        // a model's column descriptions lie beside it too: not a test file
        write("sql/core/fct_runs_by_currency.yml", "columns:\n  runs: How many runs.\n");
    }

    private static final String GIVEN = """
              given:
                stg_runs:
                  - {run_date: 2025-01-01, reporting_currency: USD, gross_margin: 0.8}
                  - {run_date: 2025-01-02, reporting_currency: USD, gross_margin: 0.7}
                  - {run_date: 2025-01-03, reporting_currency: EUR}
            """;

    @Test
    void aRightExpectationPasses() throws IOException {
        // given
        write("sql/core/fct_runs_by_currency.test.yml", "two currencies:\n" + GIVEN + """
                  expect:
                    - {reporting_currency: EUR, runs: 1, average_margin: null}
                    - {reporting_currency: USD, runs: 2, average_margin: 0.75}
                """);

        // when
        ModelTests.Summary summary = run();

        // then
        assertThat(summary.passed()).isEqualTo(1);
        assertThat(summary.failed()).isZero();
        assertThat(printed()).contains("PASS fct_runs_by_currency › two currencies", "1 cases: 1 passed, 0 failed");
    }

    @Test
    void aWrongExpectedRowFailsWithTheRowDiff() throws IOException {
        // given: USD has two runs, not three
        write("sql/core/fct_runs_by_currency.test.yml", "two currencies:\n" + GIVEN + """
                  expect:
                    - {reporting_currency: EUR, runs: 1}
                    - {reporting_currency: USD, runs: 3}
                """);

        // when
        ModelTests.Summary summary = run();

        // then
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(printed()).contains(
                "FAIL fct_runs_by_currency › two currencies (sql/core/fct_runs_by_currency.test.yml:1, ",
                "  missing     {reporting_currency: USD, runs: 3}\n",
                "nearest produced row differs in runs (expected 3, got 2)\n",
                "  unexpected  {reporting_currency: USD, runs: 2}\n",
                "1 cases: 0 passed, 1 failed");
    }

    @Test
    void anOrderedCaseFailsOnRowsInAnotherOrder() throws IOException {
        // given
        write("sql/staging/stg_runs.test.yml", "in date order:\n" + GIVEN.replace("stg_runs:", "run_context:")
                .replace("0.8}", "0.8, ltv_churn_window_months: 6}").replace("0.7}", "0.7, ltv_churn_window_months: 6}")
                .replace("EUR}", "EUR, gross_margin: 0.9, ltv_churn_window_months: 6}") + """
                  ordered: true
                  expect:
                    - {run_date: 2025-01-03}
                    - {run_date: 2025-01-02}
                    - {run_date: 2025-01-01}
                """);

        // when
        ModelTests.Summary summary = run();

        // then
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(printed()).contains("missing     {run_date: 2025-01-03}", "unexpected  {run_date: 2025-01-01}");
    }

    @Test
    void aColumnTheInputDoesNotHaveIsAMalformedTestNamingFileCaseAndLine() throws IOException {
        // given
        write("sql/core/fct_runs_by_currency.test.yml", """
                misspelt column:
                  given:
                    stg_runs:
                      - {run_date: 2025-01-01, reporting_curency: USD}
                  expect: []
                """);

        // when / then
        assertThatThrownBy(this::run).isInstanceOf(ModelTestProblem.class).hasMessage(
                "sql/core/fct_runs_by_currency.test.yml:4 case 'misspelt column': given: stg_runs has no column"
                        + " reporting_curency (it has run_date, reporting_currency, gross_margin)");
    }

    @Test
    void anInputTheModelDoesNotReadAndAnUnknownKeyAreMalformed() throws IOException {
        // given
        write("sql/core/fct_runs_by_currency.test.yml", """
                reads run_context directly:
                  given:
                    run_context:
                      - {run_date: 2025-01-01}
                  expect: []
                """);

        // when / then
        assertThatThrownBy(this::run).hasMessage("sql/core/fct_runs_by_currency.test.yml:4 case 'reads run_context directly':"
                + " given: model fct_runs_by_currency does not read run_context (depends_on: stg_runs)");

        // given
        write("sql/core/fct_runs_by_currency.test.yml", "a case:\n  expected: []\n");

        // when / then
        assertThatThrownBy(this::run).hasMessage("sql/core/fct_runs_by_currency.test.yml:2 case 'a case': unknown key"
                + " 'expected' (a case has description, expect, given, ordered)");
    }

    @Test
    void aValueThatIsNotOfTheColumnsTypeIsMalformed() throws IOException {
        // given
        write("sql/core/fct_runs_by_currency.test.yml", """
                a date that is not one:
                  given:
                    stg_runs:
                      - {run_date: 2025-02-30}
                  expect: []
                """);

        // when / then
        assertThatThrownBy(this::run).hasMessageStartingWith("sql/core/fct_runs_by_currency.test.yml:4 case 'a date that is not one':"
                + " given: a row of stg_runs does not fit its table: ");
    }

    @Test
    void invalidYamlIsMalformedWithItsLine() throws IOException {
        // given
        write("sql/core/fct_runs_by_currency.test.yml", "a case:\n  given: {stg_runs: [\n  expect: []\n");

        // when / then
        assertThatThrownBy(this::run).isInstanceOf(ModelTestProblem.class)
                .hasMessageStartingWith("sql/core/fct_runs_by_currency.test.yml: not valid YAML: ")
                .hasMessageContaining("line 4");
    }

    @Test
    void aTestFileForNoModelAndAModelWithoutTestsAreRefused() throws IOException {
        // given
        write("sql/core/fct_runs_by_currency.test.yml", "a case:\n  expect: []\n");

        // when / then
        assertThatThrownBy(() -> ModelTests.run(new ProjectFiles(project), List.of("stg_runs"), out()))
                .hasMessage("model stg_runs has no tests (sql/<layer>/stg_runs.test.yml)");
        assertThatThrownBy(() -> ModelTests.run(new ProjectFiles(project), List.of("fct_nothing"), out()))
                .hasMessage("there is no model fct_nothing");

        // given
        write("sql/core/fct_gone.test.yml", "a case:\n  expect: []\n");

        // when / then
        assertThatThrownBy(this::run).hasMessageStartingWith("sql/core/fct_gone.test.yml: there is no model fct_gone");
    }

    @Test
    void aDoubleMatchesToTheDecimalsWrittenOtherNumbersExactly() {
        assertThat(ModelTestDiff.same("DOUBLE", "1.083", "1.0833333333333333")).isTrue();
        assertThat(ModelTestDiff.same("DOUBLE", "1.09", "1.0833333333333333")).isFalse();
        assertThat(ModelTestDiff.same("DECIMAL(18,6)", "100", "100.000000")).isTrue();
        assertThat(ModelTestDiff.same("DECIMAL(18,6)", "100", "100.000001")).isFalse();
        assertThat(ModelTestDiff.same("TIMESTAMP", "2024-03-01T04:30", "2024-03-01 04:30:00")).isTrue();
        assertThat(ModelTestDiff.same("VARCHAR", null, null)).isTrue();
        assertThat(ModelTestDiff.same("VARCHAR", "null", null)).isFalse();
    }

    private ModelTests.Summary run() {
        return ModelTests.run(new ProjectFiles(project), List.of(), out());
    }

    private PrintStream out() {
        return new PrintStream(printed, true, StandardCharsets.UTF_8);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    private void write(String path, String text) throws IOException {
        Path file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
