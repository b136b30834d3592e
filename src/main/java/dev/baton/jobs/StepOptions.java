package dev.baton.jobs;

import java.util.Map;

import dev.baton.jobs.JobDefinition.StepDefinition;
import dev.baton.warehouse.OptionProblems;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds a step's {@code with:} map to its kind's options record. Unknown options are refused, so a misspelt
 * {@code partiton_by:} fails {@code baton validate} instead of being ignored; names are snake_case in YAML.
 */
public final class StepOptions {

    /** The options of a kind that takes none: any {@code with:} key is refused. */
    public record None() {
    }

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // `source: crm` and `source: [crm]` both worked when options were read by hand; they still do.
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    /** A step's options that do not bind; {@code option} is the unknown name, when that is the problem. */
    public static final class InvalidOptions extends IllegalStateException {

        private final transient String option;

        InvalidOptions(String message, String option, Throwable cause) {
            super(message, cause);
            this.option = option;
        }

        public String option() {
            return option;
        }
    }

    private StepOptions() {
    }

    /** @throws IllegalStateException naming the step and the option, with the nearest valid name for a typo */
    public static <T> T bind(StepDefinition step, Class<T> type) {
        Map<String, Object> with = step.with() == null ? Map.of() : step.with();
        try {
            return MAPPER.convertValue(with, type);
        } catch (RuntimeException e) {
            throw new InvalidOptions("step '" + step.name() + "': " + OptionProblems.describe(e), OptionProblems.unknownName(e), e);
        }
    }
}
