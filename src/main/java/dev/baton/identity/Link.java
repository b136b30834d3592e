package dev.baton.identity;

/**
 * One row of {@code identity_map}: a source identity's canonical account and the rule that linked it.
 *
 * @param matchedOn what the link rests on (the external id, the domain, the normalised name), null for the
 *        system of record, the crosswalk and an unmatched identity
 */
record Link(SourceIdentity.Key identity, String accountId, Rule rule, String matchedOn) {
}
