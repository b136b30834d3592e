package dev.baton.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import dev.baton.jobs.JobDefinition.StepDefinition;
import org.junit.jupiter.api.Test;

/** The funnel stage map of a {@code kind: funnel-stages} step, without a warehouse. */
class FunnelStageMapTests {

    @Test
    void crmStagesMapToTheFurthestFunnelStageReached() {
        // given
        StepDefinition step = new StepDefinition("load-funnel-stages", "funnel-stages",
                Map.of("stages", Map.of(" Closed Won ", "won", "Discovery", "Field_Sales")));

        // when
        List<FunnelStageMap.Entry> entries = FunnelStageMap.of(step).entries();

        // then names are compared lower-case and trimmed, and the rank follows the funnel order
        assertThat(entries).containsExactlyInAnyOrder(new FunnelStageMap.Entry("closed won", "won", 3),
                new FunnelStageMap.Entry("discovery", "field_sales", 2));
    }

    @Test
    void aStageMappedOutsideTheFunnelIsRefusedNamingIt() {
        StepDefinition step = new StepDefinition("load-funnel-stages", "funnel-stages", Map.of("stages", Map.of("demo", "onboarding")));

        assertThatThrownBy(() -> FunnelStageMap.of(step)).hasMessageContaining("'demo'").hasMessageContaining("'onboarding'")
                .hasMessageContaining("[inside_sales, field_sales, won]");
        assertThatThrownBy(() -> FunnelStageMap.of(new StepDefinition("s", "funnel-stages", Map.of())))
                .hasMessageContaining("with.stages");
    }
}
