package dev.baton.jobs;

import java.util.List;
import java.util.Map;

/**
 * A job as declared in {@code jobs/<name>.yml}: which steps, in order, with their options. No logic, no cron.
 */
public record JobDefinition(String name, String description, List<StepDefinition> steps) {

    /**
     * @param name stable step name; restart matches step executions by it
     * @param kind which feature runs the step: extract, models, audits, publish
     * @param with the step's options, read by that feature
     */
    public record StepDefinition(String name, String kind, Map<String, Object> with) {

        /** The options bound to the kind's record; unknown names are refused (see {@link StepOptions}). */
        public <T> T options(Class<T> type) {
            return StepOptions.bind(this, type);
        }

        public List<String> listOption(String key) {
            Object value = with == null ? null : with.get(key);
            if (value == null) {
                return List.of();
            }
            if (value instanceof List<?> list) {
                return list.stream().map(String::valueOf).toList();
            }
            return List.of(String.valueOf(value));
        }
    }
}
