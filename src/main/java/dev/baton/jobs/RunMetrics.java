package dev.baton.jobs;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics of runs and steps. Spring Batch times every job and step itself ({@code spring.batch.job},
 * {@code spring.batch.step}, tagged with names and status) once it is given an {@link ObservationRegistry}; Boot's
 * batch observation support only reaches Job and Step beans, and Baton builds its jobs from jobs/*.yml, so
 * {@link JobRunner} hands the registry over itself. Baton adds what Spring Batch does not count as a metric:
 * rows written and rows quarantined per step. A {@link SimpleMeterRegistry} keeps them in memory unless the
 * application defines its own {@link MeterRegistry} bean (Prometheus, OTLP, ...).
 */
@Configuration(proxyBeanMethods = false)
class RunMetrics {

    static final String ROWS_WRITTEN = "baton.step.rows.written";
    static final String ROWS_QUARANTINED = "baton.step.rows.quarantined";
    static final String STEP_TIMER = "spring.batch.step";

    @Bean
    @ConditionalOnMissingBean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    @Bean
    @ConditionalOnMissingBean
    ObservationRegistry observationRegistry(MeterRegistry meters) {
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        return observations;
    }

    static void count(MeterRegistry meters, StepExecution step) {
        String job = step.getJobExecution().getJobInstance().getJobName();
        Counter.builder(ROWS_WRITTEN).description("rows a step wrote (loaded, updated, built)")
                .tag("job", job).tag("step", step.getStepName()).register(meters).increment(step.getWriteCount());
        Counter.builder(ROWS_QUARANTINED).description("rows a step set aside in quarantine")
                .tag("job", job).tag("step", step.getStepName()).register(meters).increment(step.getFilterCount());
    }

    /** One line per step for the log at the end of a run: what the registry holds for it so far. */
    static String summary(MeterRegistry meters, String job, String step) {
        StringBuilder line = new StringBuilder("metrics ").append(job).append('/').append(step).append(':');
        for (Timer timer : meters.find(STEP_TIMER).tag("spring.batch.step.job.name", job).tag("spring.batch.step.name", step).timers()) {
            line.append(' ').append(timer.getId().getTag("spring.batch.step.status")).append(' ').append(timer.count())
                    .append(String.format("x %.1f s", timer.totalTime(TimeUnit.MILLISECONDS) / 1000.0)).append(',');
        }
        line.append(String.format(" %.0f rows written, %.0f quarantined",
                total(meters, ROWS_WRITTEN, job, step), total(meters, ROWS_QUARANTINED, job, step)));
        return line.toString();
    }

    private static double total(MeterRegistry meters, String name, String job, String step) {
        return meters.find(name).tag("job", job).tag("step", step).counters().stream().mapToDouble(Counter::count).sum();
    }
}
