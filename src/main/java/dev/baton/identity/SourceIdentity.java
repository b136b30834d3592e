package dev.baton.identity;

import java.util.Set;

/**
 * One account-like record of a source, its landed rows merged: a helpdesk organization lands one row for itself and
 * one per e-mail domain of its requesters, so names, domains and declared external ids are sets.
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
