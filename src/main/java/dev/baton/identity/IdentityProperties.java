package dev.baton.identity;

import java.util.Set;

import dev.baton.warehouse.SqlIdentifiers;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code baton.identity.*}.
 *
 * @param systemOfRecord the system whose ids are the canonical account ids: {@code crm} (the default) means every
 *        system that lands CRM accounts (identities of kind {@code account}: the Salesforce or HubSpot mapping), or
 *        a system's name as its source mapping writes it ({@code salesforce}, {@code hubspot}, {@code stripe})
 */
@ConfigurationProperties("baton.identity")
record IdentityProperties(@DefaultValue("crm") String systemOfRecord) {

    static final String SETTING = "baton.identity.system-of-record";
    static final String CRM = "crm";

    IdentityProperties {
        try {
            SqlIdentifiers.require(systemOfRecord);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SETTING + " must be crm or a system name such as salesforce; got '" + systemOfRecord + "'", e);
        }
    }

    /** The systems of record, given the systems that landed CRM accounts tonight. */
    Set<String> systemsOfRecord(Set<String> systemsWithAccounts) {
        return systemOfRecord.equals(CRM) ? systemsWithAccounts : Set.of(systemOfRecord);
    }
}
