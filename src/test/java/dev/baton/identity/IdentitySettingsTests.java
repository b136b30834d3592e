package dev.baton.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** The step's crosswalk option stays inside the landing folder; the system-of-record setting is checked at start-up. */
class IdentitySettingsTests {

    @Test
    void theCrosswalkIsAPlainFileNameInTheLandingFolder() {
        assertThat(new IdentityOptions(null).crosswalk()).isEqualTo("account_map.csv");
        assertThat(new IdentityOptions("crm_links.csv").crosswalk()).isEqualTo("crm_links.csv");
        assertThatThrownBy(() -> new IdentityOptions("../elsewhere/account_map.csv"))
                .hasMessageContaining("must be a plain file name inside the landing folder");
        assertThatThrownBy(() -> new IdentityOptions(".hidden.csv")).hasMessageContaining("plain file name");
    }

    @Test
    void theSystemOfRecordIsTheCrmByDefaultOrANamedSystem() {
        // given the systems that landed CRM accounts tonight
        Set<String> withAccounts = Set.of("salesforce");

        // when / then
        assertThat(new IdentityProperties("crm").systemsOfRecord(withAccounts)).containsExactly("salesforce");
        assertThat(new IdentityProperties("stripe").systemsOfRecord(withAccounts)).containsExactly("stripe");
        assertThatThrownBy(() -> new IdentityProperties("Sales Force"))
                .hasMessageContaining("baton.identity.system-of-record must be crm or a system name");
    }
}
