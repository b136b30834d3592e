package dev.baton.generate;

import java.util.Locale;
import java.util.SplittableRandom;

/** Draws the static attributes of an account. */
final class AccountFactory {

    private AccountFactory() {
    }

    static AccountProfile create(long number, long createdSec, SplittableRandom r) {
        Segment segment = Segment.draw(r);
        Currency currency = Currency.values()[Rand.weighted(r, Currency.weights())];
        String prefix = Rand.pick(r, Vocab.NAME_PREFIXES);
        String core = Rand.pick(r, Vocab.NAME_CORES);
        String name = prefix + " " + core + Rand.pick(r, Vocab.NAME_SUFFIXES);
        String domain = (prefix + core).toLowerCase(Locale.ROOT) + ".example";
        int channel = Rand.weighted(r, Vocab.CHANNEL_SHARE);
        int salesOwner = r.nextInt(Vocab.SALES_OWNERS.length);
        int csmOwner = r.nextInt(Vocab.CSM_OWNERS.length);
        AccountProfile.Contact[] contacts = new AccountProfile.Contact[Rand.between(r, segment.minContacts,
                segment.maxContacts)];
        for (int i = 0; i < contacts.length; i++) {
            contacts[i] = new AccountProfile.Contact(Rand.pick(r, Vocab.FIRST_NAMES), Rand.pick(r, Vocab.LAST_NAMES),
                    Rand.pick(r, Vocab.TITLES));
        }
        return new AccountProfile(number, Fmt.id('A', number, 5), name, domain, segment,
                Rand.pick(r, Vocab.INDUSTRIES), country(currency, r), currency, channel, salesOwner, csmOwner,
                createdSec, contacts);
    }

    private static String country(Currency currency, SplittableRandom r) {
        return switch (currency) {
            case USD -> Rand.chance(r, 0.8) ? "US" : Rand.pick(r, Vocab.USD_COUNTRIES_ABROAD);
            case EUR -> Rand.pick(r, Vocab.EUR_COUNTRIES);
            case GBP -> "GB";
            case CAD -> "CA";
        };
    }
}
