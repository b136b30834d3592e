package dev.baton.jobs;

import org.springframework.batch.core.step.tasklet.Tasklet;

/** A kind of step a job file may name; each feature (extract, modeling, publish) provides its own. */
public interface StepKind {

    String kind();

    /**
     * The record a step's {@code with:} map binds to ({@link JobDefinition.StepDefinition#options}); the catalog
     * binds every step's options when it reads the job files, so an unknown or misspelt option fails there.
     */
    default Class<?> optionsType() {
        return StepOptions.None.class;
    }

    Tasklet tasklet(JobDefinition.StepDefinition step);
}
