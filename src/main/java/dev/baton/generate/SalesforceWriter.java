package dev.baton.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The CRM side of the vendor twin, in Fivetran's Salesforce table shapes: accounts (with website), users (the sales
 * owners), opportunities and opportunity history. A closed opportunity's history holds the version it was created
 * as and the current one, as Fivetran's history mode records them.
 */
final class SalesforceWriter {

    static final String FOLDER = "salesforce";
    static final String[] ACCOUNT = {"_fivetran_synced", "id", "name", "type", "industry", "billing_country",
        "billing_country_code", "account_source", "owner_id", "csm_owner_c", "website", "created_date", "is_deleted",
        "_fivetran_active"};
    static final String[] OPPORTUNITY = {"_fivetran_synced", "id", "account_id", "name", "type", "stage_name", "amount",
        "currency_iso_code", "created_date", "close_date", "is_closed", "is_won", "owner_id", "lead_source", "is_deleted",
        "_fivetran_active"};
    static final String[] OPPORTUNITY_HISTORY = {"_fivetran_active", "_fivetran_start", "_fivetran_end",
        "_fivetran_synced", "id", "account_id", "name", "type", "stage_name", "amount", "currency_iso_code",
        "created_date", "close_date", "is_closed", "is_won", "owner_id", "lead_source", "is_deleted"};
    static final String[] USER = {"_fivetran_deleted", "_fivetran_synced", "id", "name", "first_name", "last_name",
        "email", "is_active"};
    private static final String END_OF_TIME = "9999-12-31 23:59:59";

    private final Map<String, String> userIds = new HashMap<>();

    SalesforceWriter() {
        for (int i = 0; i < Vocab.SALES_OWNERS.length; i++) {
            userIds.put(Vocab.SALES_OWNERS[i], VendorIds.salesforce("005", i + 1L));
        }
    }

    /** Writes the four files into {@code <out>/salesforce/}; returns file name -> data rows. */
    Map<String, Long> write(Path out, CrmDirectory crm, Path canonicalDeals) throws IOException {
        Path folder = Files.createDirectories(out.resolve(FOLDER));
        Map<String, Long> rows = new LinkedHashMap<>();
        String synced = "";
        try (CsvSink accounts = CsvSink.open(folder.resolve("sf_account_data.csv"), ACCOUNT)) {
            for (CrmAccount a : crm.accounts()) {
                accounts.row(VendorIds.fivetranTime(a.updatedAt()), a.salesforceId(), a.name(), a.segment(), a.industry(),
                        "", a.country(), a.channel(), userIds.getOrDefault(a.salesOwner(), ""), a.csmOwner(),
                        "https://www." + a.domain(), VendorIds.fivetranTime(a.createdAt()), "false", "true");
                synced = synced.compareTo(a.updatedAt()) < 0 ? a.updatedAt() : synced;
            }
            rows.put(FOLDER + "/sf_account_data.csv", accounts.rows());
        }
        try (CsvSink users = CsvSink.open(folder.resolve("sf_user_data.csv"), USER)) {
            for (int i = 0; i < Vocab.SALES_OWNERS.length; i++) {
                String name = Vocab.SALES_OWNERS[i];
                int space = name.indexOf(' ');
                users.row("false", VendorIds.fivetranTime(synced), userIds.get(name), name, name.substring(0, space),
                        name.substring(space + 1), name.toLowerCase(Locale.ROOT).replace(' ', '.').replace("'", "")
                                + "@" + VendorIds.OWN_DOMAIN, "true");
            }
            rows.put(FOLDER + "/sf_user_data.csv", users.rows());
        }
        try (CsvSink opportunities = CsvSink.open(folder.resolve("sf_opportunity_data.csv"), OPPORTUNITY);
                CsvSink history = CsvSink.open(folder.resolve("sf_opportunity_history_data.csv"), OPPORTUNITY_HISTORY)) {
            CanonicalCsv.forEach(canonicalDeals, deal -> writeDeal(crm, deal, opportunities, history));
            rows.put(FOLDER + "/sf_opportunity_data.csv", opportunities.rows());
            rows.put(FOLDER + "/sf_opportunity_history_data.csv", history.rows());
        }
        return rows;
    }

    /** deal_id, account_id, deal_name, deal_type, stage, amount, currency, created_at, closed_at, is_won, owner, lead_source, updated_at */
    private void writeDeal(CrmDirectory crm, String[] d, CsvSink opportunities, CsvSink history) throws IOException {
        String id = opportunityId(d[0]);
        String account = crm.of(d[1]).salesforceId();
        String type = switch (d[3]) {
            case DealRow.NEW_BUSINESS -> "New Business";
            case DealRow.EXPANSION -> "Upsell";
            case DealRow.RENEWAL -> "Renewal";
            default -> d[3];
        };
        String created = VendorIds.fivetranTime(d[7]);
        String closed = VendorIds.fivetranTime(d[8]);
        String updated = VendorIds.fivetranTime(d[12]);
        String owner = userIds.getOrDefault(d[10], "");
        String isClosed = Boolean.toString(!closed.isEmpty());
        opportunities.row(updated, id, account, d[2], type, d[4], d[5], d[6], created, closed, isClosed, d[9], owner,
                d[11], "false", "true");
        if (!closed.isEmpty() && created.compareTo(updated) < 0) {
            // the version as it was opened: still in the first stage, not closed
            history.row("false", created, updated, updated, id, account, d[2], type, "prospecting", d[5], d[6], created,
                    "", "false", "false", owner, d[11], "false");
        }
        history.row("true", updated, END_OF_TIME, updated, id, account, d[2], type, d[4], d[5], d[6], created, closed,
                isClosed, d[9], owner, d[11], "false");
    }

    static String opportunityId(String canonicalDealId) {
        return VendorIds.salesforce("006", VendorIds.number(canonicalDealId));
    }
}
