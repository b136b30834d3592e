package dev.baton.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code <out>/answer-key/identities.csv}: for every Stripe customer and Zendesk organization written, the CRM account
 * it belongs to and its {@link Linkage}. In a sub-folder, so a night run on {@code <out>} never reads it; tests of
 * identity resolution compare against it.
 */
final class AnswerKey {

    static final String FOLDER = "answer-key";
    static final String[] HEADER = {"system", "source_id", "crm_account_id", "canonical_account_id", "linkage"};

    private AnswerKey() {
    }

    /** @return "system linkage" -> identities, stripe first, in {@link Linkage} order */
    static Map<String, Long> write(Path out, CrmDirectory crm, Map<String, String> stripe, Map<String, String> zendesk)
            throws IOException {
        Path folder = Files.createDirectories(out.resolve(FOLDER));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String system : new String[] {StripeWriter.FOLDER, ZendeskWriter.FOLDER}) {
            for (Linkage linkage : Linkage.values()) {
                counts.put(system + " " + linkage.code, 0L);
            }
        }
        try (CsvSink sink = CsvSink.open(folder.resolve("identities.csv"), HEADER)) {
            for (Map.Entry<String, String> customer : stripe.entrySet()) {
                CrmAccount account = crm.of(customer.getValue());
                sink.row(StripeWriter.FOLDER, customer.getKey(), account.salesforceId(), account.canonicalId(),
                        account.stripeLinkage().code);
                counts.merge(StripeWriter.FOLDER + " " + account.stripeLinkage().code, 1L, Long::sum);
            }
            for (Map.Entry<String, String> organization : zendesk.entrySet()) {
                CrmAccount account = crm.of(organization.getValue());
                sink.row(ZendeskWriter.FOLDER, organization.getKey(), account.salesforceId(), account.canonicalId(),
                        account.zendeskLinkage().code);
                counts.merge(ZendeskWriter.FOLDER + " " + account.zendeskLinkage().code, 1L, Long::sum);
            }
        }
        counts.values().removeIf(count -> count == 0);
        return counts;
    }
}
