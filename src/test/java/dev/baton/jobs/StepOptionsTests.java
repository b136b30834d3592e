package dev.baton.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import dev.baton.jobs.JobDefinition.StepDefinition;
import org.junit.jupiter.api.Test;

/** A step's {@code with:} binds to its kind's record: snake_case names, a scalar for a one-item list, no unknowns. */
class StepOptionsTests {

    record Sample(List<String> layers, String file, Map<String, String> partitionBy) {
    }

    @Test
    void bindsSnakeCaseNamesAndAcceptsAScalarForAList() {
        StepDefinition step = new StepDefinition("s", "k", Map.of("layers", "core", "file", List.of("a.html"),
                "partition_by", Map.of("fct_mrr_month", "month_start")));

        Sample options = step.options(Sample.class);

        assertThat(options.layers()).containsExactly("core");
        assertThat(options.file()).isEqualTo("a.html");
        assertThat(options.partitionBy()).containsExactly(Map.entry("fct_mrr_month", "month_start"));
    }

    @Test
    void refusesAnUnknownOptionNamingTheNearestValidOne() {
        StepDefinition step = new StepDefinition("publish", "publish", Map.of("partiton_by", Map.of()));

        assertThatThrownBy(() -> step.options(Sample.class))
                .isInstanceOf(StepOptions.InvalidOptions.class)
                .hasMessage("step 'publish': unknown option 'partiton_by'; did you mean 'partition_by'? (valid: file, layers, partition_by)")
                .satisfies(e -> assertThat(((StepOptions.InvalidOptions) e).option()).isEqualTo("partiton_by"));
    }

    @Test
    void anUnrelatedNameGetsNoSuggestionAndAKindWithoutOptionsTakesNone() {
        assertThatThrownBy(() -> new StepDefinition("s", "k", Map.of("colour", "red")).options(Sample.class))
                .hasMessage("step 's': unknown option 'colour' (valid: file, layers, partition_by)");
        assertThatThrownBy(() -> new StepDefinition("s", "k", Map.of("layers", "core")).options(StepOptions.None.class))
                .hasMessage("step 's': unknown option 'layers'; this takes no options");
        assertThat(new StepDefinition("s", "k", null).options(StepOptions.None.class)).isNotNull();
    }
}
