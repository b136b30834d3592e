package dev.baton.identity;

import java.sql.Connection;

import dev.baton.jobs.JobDefinition.StepDefinition;
import dev.baton.jobs.RunParameters;
import dev.baton.jobs.RunWarnings;
import dev.baton.jobs.StepKind;
import dev.baton.warehouse.BuildFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code kind: identities} — after the extract, before the models: resolves every landed source identity to one
 * canonical account ({@link Resolver}) and writes {@code identity_map}, which staging applies to each source's
 * account ids. Ambiguous candidates and links that moved since the previous published night are run warnings and
 * rows of {@code identity_ambiguous} and {@code identity_changes}. A job without this step keeps an empty map, and
 * staging then keeps each source's own ids.
 */
@Component
class IdentityStepKind implements StepKind {

    private static final Logger log = LoggerFactory.getLogger(IdentityStepKind.class);

    private final BuildFiles buildFiles;
    private final IdentityProperties properties;

    IdentityStepKind(BuildFiles buildFiles, IdentityProperties properties) {
        this.buildFiles = buildFiles;
        this.properties = properties;
    }

    @Override
    public String kind() {
        return "identities";
    }

    @Override
    public Class<?> optionsType() {
        return IdentityOptions.class;
    }

    @Override
    public Tasklet tasklet(StepDefinition step) {
        IdentityOptions options = step.options(IdentityOptions.class);
        return (contribution, chunkContext) -> {
            RunParameters run = RunParameters.of(chunkContext);
            IdentityResolution.Outcome outcome;
            try (Connection connection = buildFiles.open(run.jobName(), run.runDate())) {
                // the crosswalk lies in the landing folder, by a plain file name: configuration cannot point elsewhere
                outcome = IdentityResolution.run(connection, properties.systemOfRecord(),
                        run.landing() == null ? null : run.landing().resolve(options.crosswalk()),
                        buildFiles.layout().publishedFile(), run.runDate());
            }
            contribution.incrementWriteCount(outcome.links());
            outcome.warnings().forEach(warning -> log.warn("identities: {}", warning));
            RunWarnings.set(chunkContext, outcome.warnings());
            return RepeatStatus.FINISHED;
        };
    }
}
