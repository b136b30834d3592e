package dev.baton.modeling;

import java.sql.Connection;

import dev.baton.jobs.JobDefinition.StepDefinition;
import dev.baton.jobs.RunParameters;
import dev.baton.jobs.StepKind;
import dev.baton.warehouse.BuildFiles;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code kind: funnel-stages} — writes the CRM-stage map declared in the job file into the build file as
 * {@code funnel_stage_map}, so {@code mart_funnel} reads configuration, not stage names hard-coded in SQL or Java.
 * It runs after extract (which starts a fresh build file) and before the models.
 */
@Component
class FunnelStagesStepKind implements StepKind {

    private final BuildFiles buildFiles;

    FunnelStagesStepKind(BuildFiles buildFiles) {
        this.buildFiles = buildFiles;
    }

    @Override
    public String kind() {
        return "funnel-stages";
    }

    @Override
    public Class<?> optionsType() {
        return FunnelStageMap.Options.class;
    }

    @Override
    public Tasklet tasklet(StepDefinition step) {
        FunnelStageMap map = FunnelStageMap.of(step);
        return (contribution, chunkContext) -> {
            RunParameters run = RunParameters.of(chunkContext);
            try (Connection connection = buildFiles.open(run.jobName(), run.runDate())) {
                contribution.incrementWriteCount(map.writeTo(connection));
            }
            return RepeatStatus.FINISHED;
        };
    }
}
