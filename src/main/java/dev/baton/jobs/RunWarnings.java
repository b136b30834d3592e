package dev.baton.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What a step found wrong without failing the night (a warn audit's rows, a stale feed): kept in the step's execution
 * context, so it is stored with the run history, and listed in the run summary after the steps have run.
 */
public final class RunWarnings {

    private static final String KEY = "baton.warnings";

    private RunWarnings() {
    }

    /** Replaces the step's warnings (a restarted step finds them again). */
    public static void set(ChunkContext context, List<String> warnings) {
        ExecutionContext stepContext = context.getStepContext().getStepExecution().getExecutionContext();
        stepContext.putString(KEY, String.join("\n", warnings));
    }

    /** Every step's warnings, in step order. */
    static List<String> of(JobExecution execution) {
        List<String> warnings = new ArrayList<>();
        execution.getStepExecutions().stream()
                .sorted(Comparator.comparing(StepExecution::getId))
                .forEach(step -> {
                    String text = step.getExecutionContext().containsKey(KEY) ? step.getExecutionContext().getString(KEY) : "";
                    text.lines().filter(line -> !line.isBlank()).forEach(line -> warnings.add(step.getStepName() + ": " + line));
                });
        return warnings;
    }
}
