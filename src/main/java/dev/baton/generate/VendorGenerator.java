package dev.baton.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.baton.warehouse.FileTrees;

/**
 * The sample company as a real one would hand it over: Salesforce, Stripe and Zendesk exports in Fivetran's table
 * shapes ({@code <out>/salesforce/}, {@code <out>/stripe/}, {@code <out>/zendesk/}), plus the entities no vendor
 * export holds (hand-offs, spend, fx rates, survey responses) as canonical files in {@code <out>/}, keyed by the CRM's
 * ids. It is the same company as {@link LandingGenerator} writes for the same arguments: that output is generated
 * first and re-shaped row by row, so every total agrees. {@code <out>/answer-key/identities.csv} says which CRM
 * account each billing customer and helpdesk organization belongs to and how it can be found (not a landing file).
 */
public final class VendorGenerator {

    private final long seed;
    private final int accounts;
    private final YearMonth start;
    private final int months;

    public VendorGenerator(long seed, int accounts, YearMonth start, int months) {
        this.seed = seed;
        this.accounts = accounts;
        this.start = start;
        this.months = months;
    }

    public VendorSummary writeTo(Path out) throws IOException {
        Files.createDirectories(out);
        Path canonical = Files.createTempDirectory("baton-canonical");
        try {
            new LandingGenerator(seed, accounts, start, months).writeTo(canonical);
            // why: own streams (keys far below the survey keys -3 - i), so the canonical files stay what they are
            CrmDirectory crm = CrmDirectory.read(canonical.resolve("accounts.csv"), Rand.stream(seed, Long.MIN_VALUE / 2));
            Map<String, Long> rows = new LinkedHashMap<>();
            rows.putAll(new SalesforceWriter().write(out, crm, canonical.resolve("deals.csv")));
            StripeWriter stripe = new StripeWriter(Rand.stream(seed, Long.MIN_VALUE / 2 + 1));
            rows.putAll(stripe.write(out, crm, canonical.resolve("subscriptions.csv")));
            ZendeskWriter zendesk = new ZendeskWriter();
            rows.putAll(zendesk.write(out, crm, canonical.resolve("tickets.csv")));
            rows.putAll(CanonicalExtras.write(out, crm, canonical));
            Map<String, Long> linkage = AnswerKey.write(out, crm, stripe.identities(), zendesk.identities());
            return new VendorSummary(rows, linkage);
        } finally {
            FileTrees.delete(canonical);
        }
    }

    /** Copies a canonical file unchanged. */
    static void copy(Path from, Path to) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
