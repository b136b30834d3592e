package dev.baton.generate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The canonical accounts with their vendor identities: Salesforce ids, unique website domains and, drawn from the
 * seed, how each account's Stripe customer and Zendesk organization can be linked back to it. Real companies look
 * like this: most billing customers carry the CRM id, some only an e-mail at the company's domain, a few only a
 * (differently written) name, a few nothing; two domains are shared by two CRM accounts each.
 */
final class CrmDirectory {

    static final double STRIPE_METADATA = 0.75;
    static final double STRIPE_DOMAIN = 0.12;
    static final double STRIPE_NAME = 0.07;
    static final double ZENDESK_EXTERNAL_ID = 0.60;
    static final int AMBIGUOUS_PAIRS = 2;

    private final Map<String, CrmAccount> byCanonicalId = new LinkedHashMap<>();

    private CrmDirectory() {
    }

    static CrmDirectory read(Path canonicalAccounts, SplittableRandom r) throws IOException {
        List<String[]> rows = new ArrayList<>();
        CanonicalCsv.forEach(canonicalAccounts, rows::add);
        Map<String, Integer> names = new HashMap<>();
        for (String[] row : rows) {
            names.merge(VendorIds.normalisedName(row[1]), 1, Integer::sum);
        }
        String[] domains = uniqueDomains(rows);
        // why: the second account of a pair takes the first's website, as a subsidiary or a duplicate CRM record does
        Map<Integer, Integer> sharesDomainOf = new HashMap<>();
        Set<Integer> paired = new HashSet<>();
        for (int pair = 0; pair < AMBIGUOUS_PAIRS && rows.size() >= 4 * AMBIGUOUS_PAIRS; pair++) {
            int first;
            int second;
            do {
                first = r.nextInt(rows.size());
                second = r.nextInt(rows.size());
            } while (first == second || paired.contains(first) || paired.contains(second));
            paired.add(first);
            paired.add(second);
            sharesDomainOf.put(second, first);
            domains[second] = domains[first];
        }
        CrmDirectory directory = new CrmDirectory();
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            String domain = domains[i];
            Linkage stripe = stripeLinkage(r.nextDouble(), names.get(VendorIds.normalisedName(row[1])) == 1);
            Linkage zendesk = r.nextDouble() < ZENDESK_EXTERNAL_ID ? Linkage.EXTERNAL_ID : Linkage.DOMAIN;
            if (sharesDomainOf.containsKey(i)) {
                stripe = Linkage.AMBIGUOUS_DOMAIN;
            } else if (sharesDomainOf.containsValue(i)) {
                stripe = Linkage.METADATA;
            }
            if (paired.contains(i) && zendesk == Linkage.DOMAIN) {
                zendesk = Linkage.AMBIGUOUS_DOMAIN;
            }
            String person = (Rand.pick(r, Vocab.FIRST_NAMES) + " " + Rand.pick(r, Vocab.LAST_NAMES));
            String personMail = person.toLowerCase(Locale.ROOT).replace(' ', '.');
            String freeMail = personMail + r.nextInt(10, 100) + "@" + Rand.pick(r, VendorIds.FREE_MAIL);
            String stripeName = switch (stripe) {
                case METADATA -> row[1];
                case NAME -> VendorIds.nameVariant(row[1], r);
                default -> person;
            };
            String stripeEmail = switch (stripe) {
                case METADATA -> "billing@" + domain;
                case DOMAIN, AMBIGUOUS_DOMAIN -> personMail + "@" + domain;
                default -> freeMail;
            };
            directory.byCanonicalId.put(row[0], new CrmAccount(row, VendorIds.salesforce("001", VendorIds.number(row[0])),
                    domain, emailDomain(row[1]), stripe, stripeName, stripeEmail, zendesk));
        }
        return directory;
    }

    private static Linkage stripeLinkage(double u, boolean nameIsUnique) {
        if (u < STRIPE_METADATA) {
            return Linkage.METADATA;
        }
        if (u < STRIPE_METADATA + STRIPE_DOMAIN) {
            return Linkage.DOMAIN;
        }
        if (u < STRIPE_METADATA + STRIPE_DOMAIN + STRIPE_NAME) {
            // a name shared by two CRM accounts would make the link ambiguous: such a customer carries its domain
            return nameIsUnique ? Linkage.NAME : Linkage.DOMAIN;
        }
        return Linkage.NONE;
    }

    /**
     * The canonical generator gives "Cedar Labs" and "Cedar Labs Inc" the same e-mail domain; real companies own
     * distinct websites, so a later account with a taken domain gets its number added.
     */
    private static String[] uniqueDomains(List<String[]> rows) {
        String[] domains = new String[rows.size()];
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            String domain = emailDomain(rows.get(i)[1]);
            if (!taken.add(domain)) {
                domain = domain.replace(".example", "-" + VendorIds.number(rows.get(i)[0]) + ".example");
                taken.add(domain);
            }
            domains[i] = domain;
        }
        return domains;
    }

    /** The canonical generator's domain: the name's first two words (prefix and core), lower case, {@code .example}. */
    static String emailDomain(String name) {
        String[] words = name.split(" ");
        return (words[0] + (words.length > 1 ? words[1] : "")).toLowerCase(Locale.ROOT) + ".example";
    }

    CrmAccount of(String canonicalAccountId) {
        CrmAccount account = byCanonicalId.get(canonicalAccountId);
        if (account == null) {
            throw new IllegalStateException("canonical row names unknown account " + canonicalAccountId);
        }
        return account;
    }

    Iterable<CrmAccount> accounts() {
        return byCanonicalId.values();
    }
}
