package dev.baton.generate;

import java.util.Locale;
import java.util.SplittableRandom;

/** Id and text formats of the vendor exports (Salesforce, Stripe, Zendesk) and the name variations real CRMs hold. */
final class VendorIds {

    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** Zendesk organization and user ids are large numbers; these offsets keep them in a realistic range. */
    static final long ZENDESK_ORGANIZATION_BASE = 360_000_000_000L;
    static final long ZENDESK_USER_BASE = 400_000_000_000L;

    /** The vendor's own e-mail domain (its sales reps and support agents), never a customer's. */
    static final String OWN_DOMAIN = "baton-demo.example";

    static final String[] FREE_MAIL = {"gmail.com", "outlook.com", "yahoo.com"};

    /** Legal suffixes a name-matching rule drops; the variants below only use these. */
    static final String[] LEGAL_SUFFIXES = {"Inc", "LLC", "Ltd", "GmbH", "Co", "Corp", "KK", "PLC", "SA", "AG", "BV"};

    private VendorIds() {
    }

    /**
     * An 18-character Salesforce-style id: the object's key prefix ({@code 001} account, {@code 006} opportunity,
     * {@code 005} user), a fixed pod part, the number in base 62 and a fixed checksum-like tail.
     */
    static String salesforce(String keyPrefix, long number) {
        StringBuilder digits = new StringBuilder();
        long n = number;
        do {
            digits.append(BASE62.charAt((int) (n % 62)));
            n /= 62;
        } while (n > 0);
        while (digits.length() < 5) {
            digits.append('0');
        }
        return keyPrefix + "Bt00000" + digits.reverse() + "AAA";
    }

    /** A Stripe-style id: prefix plus random base-62 characters. */
    static String stripe(String prefix, int length, SplittableRandom r) {
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 0; i < length; i++) {
            id.append(BASE62.charAt(r.nextInt(62)));
        }
        return id.toString();
    }

    /** The canonical account number of {@code A00042}-style ids (also deals {@code D000042}, tickets ...). */
    static long number(String canonicalId) {
        return Long.parseLong(canonicalId.substring(1));
    }

    /**
     * Lower case, punctuation dropped, spaces collapsed, a trailing legal suffix dropped: "ACME, Inc." and "Acme Inc"
     * both give "acme". Only used to keep name-only linkage unambiguous.
     */
    static String normalisedName(String name) {
        String plain = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]", " ").trim().replaceAll(" +", " ");
        for (String suffix : LEGAL_SUFFIXES) {
            String ending = " " + suffix.toLowerCase(Locale.ROOT);
            if (plain.endsWith(ending)) {
                return plain.substring(0, plain.length() - ending.length());
            }
        }
        return plain;
    }

    /** The CRM name as billing or support would type it: upper case, a comma and a period around the legal suffix. */
    static String nameVariant(String crmName, SplittableRandom r) {
        String base = crmName;
        String suffix = null;
        for (String legal : LEGAL_SUFFIXES) {
            if (crmName.endsWith(" " + legal)) {
                base = crmName.substring(0, crmName.length() - legal.length() - 1);
                suffix = legal;
            }
        }
        if (suffix == null) {
            suffix = Rand.pick(r, new String[] {"Inc", "LLC", "Ltd", "GmbH", "KK"});
        }
        return base.toUpperCase(Locale.ROOT) + ", " + suffix + ".";
    }

    /** Stripe and Zendesk timestamps: the canonical ISO form with a space for the T and no Z, as Fivetran writes. */
    static String fivetranTime(String isoTimestamp) {
        if (isoTimestamp.isEmpty()) {
            return "";
        }
        return isoTimestamp.replace('T', ' ').replace("Z", "");
    }
}
