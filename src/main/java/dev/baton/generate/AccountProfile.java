package dev.baton.generate;

import java.util.Locale;

/** The static attributes of one generated account (company) and its people. */
record AccountProfile(
        long number,
        String id,
        String name,
        String domain,
        Segment segment,
        String industry,
        String country,
        Currency currency,
        int channel,
        int salesOwner,
        int csmOwner,
        long createdSec,
        Contact[] contacts) {

    record Contact(String first, String last, String title) {
        String fullName() {
            return first + " " + last;
        }

        String email(String domain) {
            return (first + "." + last).toLowerCase(Locale.ROOT).replace("'", "") + "@" + domain;
        }
    }

    String channelCode() {
        return Vocab.CHANNELS[channel];
    }

    String salesOwnerName() {
        return Vocab.SALES_OWNERS[salesOwner];
    }

    String csmOwnerName() {
        return Vocab.CSM_OWNERS[csmOwner];
    }
}
