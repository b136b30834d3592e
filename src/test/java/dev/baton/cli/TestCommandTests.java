package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.baton.support.Scenarios;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baton test}: exit 0 when every case passes, 1 when one fails, 2 for a malformed test file, in one line. */
class TestCommandTests {

    @TempDir
    Path project;

    @BeforeEach
    void model() throws IOException {
        write("sql/staging/stg_runs.sql", """
                /* model: stg_runs
                   grain: one row per run (run_date)
                   depends_on: run_context
                */
                select run_date, gross_margin * 100 as margin_pct from run_context
                """);
    }

    private Scenarios.Captured test(String... models) throws Exception {
        String[] arguments = new String[models.length + 3];
        arguments[0] = "test";
        arguments[1] = "--project-dir";
        arguments[2] = project.toString();
        System.arraycopy(models, 0, arguments, 3, models.length);
        return Scenarios.capture(() -> BatonCli.execute(arguments));
    }

    private void expect(String margin) throws IOException {
        write("sql/staging/stg_runs.test.yml", """
                margin in percent:
                  given:
                    run_context:
                      - {run_date: 2025-01-15, reporting_currency: USD, gross_margin: 0.8, ltv_churn_window_months: 6}
                  expect:
                    - {run_date: 2025-01-15, margin_pct: %s}
                """.formatted(margin));
    }

    @Test
    void passingCasesExitZero() throws Exception {
        // given
        expect("80");

        // when
        Scenarios.Captured result = test("stg_runs");

        // then
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("PASS stg_runs › margin in percent", "1 cases: 1 passed, 0 failed");
    }

    @Test
    void aFailingCaseExitsOneWithTheRowDiff() throws Exception {
        // given
        expect("70");

        // when
        Scenarios.Captured result = test();

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("FAIL stg_runs › margin in percent (sql/staging/stg_runs.test.yml:1, ",
                "nearest produced row differs in margin_pct (expected 70, got 80.");
    }

    @Test
    void aMalformedFileExitsTwoInOneLine() throws Exception {
        // given
        write("sql/staging/stg_runs.test.yml", "margin in percent:\n  given:\n    run_context: {run_date: 2025-01-15}\n  expect: []\n");

        // when
        Scenarios.Captured result = test();

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo("baton: sql/staging/stg_runs.test.yml:3 case 'margin in percent':"
                + " input run_context must be a list of rows, e.g. - {account_id: A1, mrr: 100}");
    }

    private void write(String path, String text) throws IOException {
        Path file = project.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
