package dev.baton.generate;

/**
 * How a billing customer or helpdesk organization of the vendor exports can be tied to its CRM account; the first
 * identity rule that finds it (after a user's crosswalk) names it. Written to the answer key and counted in the summary.
 */
enum Linkage {
    /** Stripe customer metadata {@code salesforce_account_id}. */
    METADATA("metadata"),
    /** Zendesk organization {@code external_id}. */
    EXTERNAL_ID("external_id"),
    /** Only an e-mail domain equal to the CRM account's website domain. */
    DOMAIN("domain"),
    /** Only the name, up to case, punctuation and legal suffix. */
    NAME("name"),
    /** The e-mail domain is the website of two CRM accounts: a resolver must not pick one. */
    AMBIGUOUS_DOMAIN("ambiguous_domain"),
    /** Nothing ties it to the CRM: its revenue must stay with an account of its own. */
    NONE("none");

    final String code;

    Linkage(String code) {
        this.code = code;
    }
}
