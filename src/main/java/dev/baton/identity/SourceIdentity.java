package dev.baton.identity;

import java.util.Set;

/**
 * One account-like record of a source: a CRM account, a billing customer, a helpdesk organization. Sets, because a
 * record may carry several domains (a helpdesk organization's requesters) and the resolver takes any evidence.
 *
 * @param externalIds ids of the same company in another system that this source declares
 */
record SourceIdentity(String system, String sourceId, Set<String> names, Set<String> domains, Set<ExternalId> externalIds) {

    /**
     * @param system the system the id belongs to; null means "the system of record", whichever that is
     */
    record ExternalId(String system, String id) {
    }

    Key key() {
        return new Key(system, sourceId);
    }

    /** A source identity's key: ids are only unique within their system. */
    record Key(String system, String sourceId) {

        @Override
        public String toString() {
            return system + " " + sourceId;
        }
    }
}
