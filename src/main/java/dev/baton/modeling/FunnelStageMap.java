package dev.baton.modeling;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.baton.jobs.JobDefinition.StepDefinition;

/**
 * The CRM-stage to funnel-stage map of a {@code kind: funnel-stages} step: {@code with.stages} maps each CRM stage
 * to the furthest funnel stage a deal in it has reached. The funnel itself is fixed, because {@code mart_funnel}
 * has a column per stage: Inside Sales, Field Sales, won (onboarded is read from the hand-offs).
 */
public record FunnelStageMap(Map<String, String> stages) {

    static final List<String> FUNNEL = List.of("inside_sales", "field_sales", "won");

    record Entry(String crmStage, String funnelStage, int funnelRank) {
    }

    /** The step's {@code with:}: {@code stages}, CRM stage to funnel stage. */
    record Options(Map<String, String> stages) {
    }

    public static FunnelStageMap of(StepDefinition step) {
        Map<String, String> map = step.options(Options.class).stages();
        if (map == null || map.isEmpty()) {
            throw new IllegalStateException("step '" + step.name() + "' needs with.stages (CRM stage: one of " + FUNNEL + ")");
        }
        Map<String, String> mapped = new LinkedHashMap<>();
        map.forEach((crmStage, funnelStage) -> {
            String target = normalise(funnelStage);
            if (!FUNNEL.contains(target)) {
                throw new IllegalStateException("step '" + step.name() + "' maps CRM stage '" + crmStage + "' to '" + funnelStage
                        + "', which is not one of " + FUNNEL);
            }
            mapped.put(normalise(crmStage), target);
        });
        return new FunnelStageMap(mapped);
    }

    /** Replaces the build file's {@code funnel_stage_map} (its table comes from Flyway); returns the rows written. */
    public int writeTo(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("delete from funnel_stage_map");
        }
        List<Entry> entries = entries();
        try (PreparedStatement insert = connection.prepareStatement("insert into funnel_stage_map values (?, ?, ?)")) {
            for (Entry entry : entries) {
                insert.setString(1, entry.crmStage());
                insert.setString(2, entry.funnelStage());
                insert.setInt(3, entry.funnelRank());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return entries.size();
    }

    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        stages.forEach((crmStage, funnelStage) -> entries.add(new Entry(crmStage, funnelStage, FUNNEL.indexOf(funnelStage) + 1)));
        return entries;
    }

    /** CRM exports differ in case and padding only; the model compares lower-case stage names. */
    private static String normalise(String stage) {
        return stage.trim().toLowerCase(Locale.ROOT);
    }
}
