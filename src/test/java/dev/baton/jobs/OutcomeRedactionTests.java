package dev.baton.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutcomeRedactionTests {

    @Test
    void aRunsOneLineNeverCarriesAUrlPassword() {
        JobRunner.Outcome outcome = new JobRunner.Outcome(false, false,
                "Cannot start Job 'nightly': No suitable driver found for jdbc:postgresq://baton:hunter2@db/meta");

        assertThat(outcome.message()).isEqualTo("Cannot start Job 'nightly': No suitable driver found for jdbc:postgresq://baton:***@db/meta");
    }
}
