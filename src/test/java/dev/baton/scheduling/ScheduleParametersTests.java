package dev.baton.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.baton.warehouse.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parameters:} of a schedule: read, checked, and overridden by {@code serve --landing}. */
class ScheduleParametersTests {

    private static final String SCHEDULE = """
            name: nightly
            job: nightly
            cron: "0 30 2 * * ?"
            time_zone: America/New_York
            run_date: previous_day
            misfire: all
            """;

    @TempDir
    Path project;

    @Test
    void aLandingParameterIsTheRunsLandingUnlessServeOverridesIt() throws Exception {
        // given
        write(SCHEDULE + "parameters:\n  landing: /data/landing\n");

        // when
        ScheduleDefinition schedule = read().get(0);

        // then
        assertThat(schedule.parameters()).isEqualTo(Map.of("landing", "/data/landing"));
        assertThat(schedule.landing(null)).isEqualTo(Path.of("/data/landing"));
        assertThat(schedule.landing(Path.of("/srv/override"))).isEqualTo(Path.of("/srv/override"));
    }

    @Test
    void withoutParametersThereIsNoLandingOfItsOwn() throws Exception {
        write(SCHEDULE);

        ScheduleDefinition schedule = read().get(0);

        assertThat(schedule.parameters()).isEmpty();
        assertThat(schedule.landing(null)).isNull();
        assertThat(schedule.landing(Path.of("/srv/override"))).isEqualTo(Path.of("/srv/override"));
    }

    @Test
    void anUnknownOrEmptyParameterIsNamedWithItsFile() throws Exception {
        write(SCHEDULE + "parameters:\n  landign: /data/landing\n");
        assertThatThrownBy(this::read).hasMessageContaining("schedules/nightly.yml").hasMessageContaining("'landign'")
                .hasMessageContaining("[landing]");

        write(SCHEDULE + "parameters:\n  landing: \"\"\n");
        assertThatThrownBy(this::read).hasMessageContaining("schedules/nightly.yml").hasMessageContaining("'landing' has no value");
    }

    private void write(String yaml) throws Exception {
        Files.createDirectories(project.resolve("schedules"));
        Files.writeString(project.resolve("schedules/nightly.yml"), yaml);
    }

    private List<ScheduleDefinition> read() {
        return ScheduleDefinition.readAll(new ProjectFiles(project), Set.of("nightly"));
    }
}
