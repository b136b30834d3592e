package dev.baton.identity;

import java.util.List;

/** A candidate link not made: the rule's evidence points at two or more canonical accounts. */
record Ambiguity(SourceIdentity.Key identity, Rule rule, String matchedOn, List<String> candidates) {
}
