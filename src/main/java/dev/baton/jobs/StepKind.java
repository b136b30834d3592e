package dev.baton.jobs;

import org.springframework.batch.core.step.tasklet.Tasklet;

/** A kind of step a job file may name; each feature (extract, modeling, publish) provides its own. */
public interface StepKind {

    String kind();

    Tasklet tasklet(JobDefinition.StepDefinition step);
}
