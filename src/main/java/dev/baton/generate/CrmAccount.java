package dev.baton.generate;

/**
 * One canonical account as the vendor exports know it: its CRM (Salesforce) id and website domain, and how its
 * Stripe customer and Zendesk organization are linked to it.
 *
 * @param canonical the canonical accounts row's values, in {@link LandingFile#ACCOUNTS} order
 * @param domain the website domain in the CRM (unique, except for the deliberate ambiguous pairs)
 * @param emailDomain the canonical generator's domain, which its e-mail addresses carry
 */
record CrmAccount(String[] canonical, String salesforceId, String domain, String emailDomain, Linkage stripeLinkage,
        String stripeName, String stripeEmail, Linkage zendeskLinkage) {

    String canonicalId() {
        return canonical[0];
    }

    String name() {
        return canonical[1];
    }

    String segment() {
        return canonical[2];
    }

    String industry() {
        return canonical[3];
    }

    String country() {
        return canonical[4];
    }

    String channel() {
        return canonical[5];
    }

    String salesOwner() {
        return canonical[6];
    }

    String csmOwner() {
        return canonical[7];
    }

    String createdAt() {
        return canonical[8];
    }

    String updatedAt() {
        return canonical[9];
    }

    /** A canonical e-mail of this account's people, moved to the CRM website's domain. */
    String vendorEmail(String canonicalEmail) {
        int at = canonicalEmail.indexOf('@');
        return at < 0 || !canonicalEmail.substring(at + 1).equals(emailDomain) ? canonicalEmail
                : canonicalEmail.substring(0, at + 1) + domain;
    }
}
