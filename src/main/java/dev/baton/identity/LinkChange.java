package dev.baton.identity;

/** A link that differs from the previous published night's: reported, never made in silence. */
record LinkChange(SourceIdentity.Key identity, String previousAccountId, Rule previousRule, String accountId, Rule rule) {

    String describe() {
        return identity + " moved from " + previousAccountId + " (" + previousRule.column() + ") to " + accountId + " ("
                + rule.column() + ")";
    }
}
