package dev.baton.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import dev.baton.BatonApplication;
import dev.baton.support.Scenarios;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** After a run, the meter registry holds Spring Batch's job and step timers and Baton's row counters. */
class RunMetricsFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void aRunLeavesTimersPerJobAndStepAndRowCounters() throws Exception {
        // given the four-accounts landing folder
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Path warehouse = workspace.resolve("warehouse");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BatonApplication.class)
                .web(WebApplicationType.NONE).run("--baton.warehouse=" + warehouse,
                        "--baton.project-dir=" + Path.of("").toAbsolutePath(),
                        "--spring.datasource.url=jdbc:h2:file:" + warehouse.resolve("state/batch"),
                        "--baton.extract.max-quarantined-share=0.5")) {
            // when the nightly job runs once
            JobRunner.Outcome outcome = context.getBean(JobRunner.class).run("nightly", LocalDate.parse("2024-04-15"), landing);
            assertThat(outcome.succeeded()).as(outcome.message()).isTrue();

            // then the job timer says nightly completed once
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            Timer job = meters.get("spring.batch.job").tag("spring.batch.job.name", "nightly")
                    .tag("spring.batch.job.status", "COMPLETED").timer();
            assertThat(job.count()).isEqualTo(1);
            assertThat(job.totalTime(TimeUnit.NANOSECONDS)).isPositive();
            // and every step of jobs/nightly.yml has one timer, tagged job, step and status
            for (String step : new String[] {"extract-landing", "load-funnel-stages", "build-models", "run-audits", "publish",
                    "write-report"}) {
                Timer timer = meters.get("spring.batch.step").tag("spring.batch.step.job.name", "nightly")
                        .tag("spring.batch.step.name", step).tag("spring.batch.step.status", "COMPLETED").timer();
                assertThat(timer.count()).as(step).isEqualTo(1);
            }
            // and extract counted the rows of the landing files: accounts 6 + deals 3 + fx_rates 4 + handoffs 1 + spend 3
            // + subscriptions 10 + tickets 1 written = 28; the one ticket without a created_at is quarantined
            assertThat(counter(meters, RunMetrics.ROWS_WRITTEN, "extract-landing")).isEqualTo(28.0);
            assertThat(counter(meters, RunMetrics.ROWS_QUARANTINED, "extract-landing")).isEqualTo(1.0);
            // and publish counted one per table exported to Parquet: every core and mart model but the helper tables
            // whose .yml says parquet: false (int_expansion_account_month, int_trailing_year_account_month)
            assertThat(counter(meters, RunMetrics.ROWS_WRITTEN, "publish"))
                    .isEqualTo(models("core") + models("marts") - 2);
            assertThat(counter(meters, RunMetrics.ROWS_QUARANTINED, "build-models")).isZero();
        }
    }

    private static double models(String layer) throws Exception {
        try (var files = Files.list(Path.of("sql", layer))) {
            return files.filter(file -> file.toString().endsWith(".sql")).count();
        }
    }

    private static double counter(MeterRegistry meters, String name, String step) {
        return meters.get(name).tag("job", "nightly").tag("step", step).counter().count();
    }
}
