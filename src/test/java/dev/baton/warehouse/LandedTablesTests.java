package dev.baton.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LandedTablesTests {

    @Test
    void anEntityLandsInItsPrefixedTableAndIsReadBackFromIt() {
        assertThat(LandedTables.of("subscriptions")).isEqualTo("landed_subscriptions");
        assertThat(LandedTables.isLanded("landed_subscriptions")).isTrue();
        assertThat(LandedTables.isLanded("fct_mrr_month")).isFalse();
        assertThat(LandedTables.entityOf("landed_source_identities")).isEqualTo("source_identities");
    }

    @Test
    void onlyPlainIdentifiersAndLandedTablesAreAccepted() {
        assertThatThrownBy(() -> LandedTables.of("deals\"; drop")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LandedTables.entityOf("dim_account")).isInstanceOf(IllegalArgumentException.class);
    }
}
