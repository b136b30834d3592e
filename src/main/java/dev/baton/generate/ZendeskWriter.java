package dev.baton.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The helpdesk side of the vendor twin, in Fivetran's Zendesk table shapes: one organization per account with
 * tickets, its requesters as end users (e-mails at the company's website domain), the CSMs as agents. A ticket's
 * first response is the agent's first public comment and its solve time a status change in the field history, which
 * is how the zendesk mapping reads them back.
 */
final class ZendeskWriter {

    static final String FOLDER = "zendesk";
    static final String[] ORGANIZATION = {"id", "_fivetran_synced", "created_at", "details", "external_id", "group_id",
        "name", "notes", "shared_comments", "shared_tickets", "updated_at", "url"};
    static final String[] USER = {"id", "_fivetran_synced", "active", "created_at", "email", "external_id", "name",
        "organization_id", "role", "time_zone", "updated_at"};
    static final String[] TICKET = {"id", "_fivetran_synced", "created_at", "organization_id", "priority",
        "requester_id", "submitter_id", "assignee_id", "status", "subject", "type", "updated_at", "via_channel",
        "custom_csat_score"};
    static final String[] COMMENT = {"id", "_fivetran_synced", "body", "created", "facebook_comment", "public",
        "ticket_id", "tweet", "user_id", "voice_comment"};
    static final String[] FIELD_HISTORY = {"field_name", "ticket_id", "updated", "_fivetran_synced", "user_id", "value"};

    private final Map<String, Long> agents = new HashMap<>();
    private final Map<String, Long> organizations = new LinkedHashMap<>();
    private final Map<String, Long> requesters = new HashMap<>();
    private final Map<String, String> identities = new LinkedHashMap<>();
    private String requestersOf = "";
    private long users;
    private long comments;

    /** Zendesk organization id -> canonical account id, for the answer key. */
    Map<String, String> identities() {
        return identities;
    }

    Map<String, Long> write(Path out, CrmDirectory crm, Path canonicalTickets) throws IOException {
        Path folder = Files.createDirectories(out.resolve(FOLDER));
        Map<String, Long> rows = new LinkedHashMap<>();
        try (CsvSink organizationSink = CsvSink.open(folder.resolve("organization_data.csv"), ORGANIZATION);
                CsvSink userSink = CsvSink.open(folder.resolve("user_data.csv"), USER);
                CsvSink ticketSink = CsvSink.open(folder.resolve("ticket_data.csv"), TICKET);
                CsvSink commentSink = CsvSink.open(folder.resolve("ticket_comment_data.csv"), COMMENT);
                CsvSink historySink = CsvSink.open(folder.resolve("ticket_field_history_data.csv"), FIELD_HISTORY)) {
            for (String csm : Vocab.CSM_OWNERS) {
                agents.put(csm, VendorIds.ZENDESK_USER_BASE + ++users);
                userSink.row(agents.get(csm), "", "true", "", csm.toLowerCase(Locale.ROOT).replace(' ', '.') + "@"
                        + VendorIds.OWN_DOMAIN, "", csm, "", "agent", "UTC", "");
            }
            CanonicalCsv.forEach(canonicalTickets, t -> writeTicket(crm.of(t[1]), t, organizationSink, userSink,
                    ticketSink, commentSink, historySink));
            rows.put(FOLDER + "/organization_data.csv", organizationSink.rows());
            rows.put(FOLDER + "/user_data.csv", userSink.rows());
            rows.put(FOLDER + "/ticket_data.csv", ticketSink.rows());
            rows.put(FOLDER + "/ticket_comment_data.csv", commentSink.rows());
            rows.put(FOLDER + "/ticket_field_history_data.csv", historySink.rows());
        }
        return rows;
    }

    /**
     * ticket_id, account_id, created_at, first_response_at, solved_at, status, priority, channel, csat_score,
     * requester_email, updated_at
     */
    private void writeTicket(CrmAccount a, String[] t, CsvSink organizationSink, CsvSink userSink, CsvSink ticketSink,
            CsvSink commentSink, CsvSink historySink) throws IOException {
        String created = VendorIds.fivetranTime(t[2]);
        String updated = VendorIds.fivetranTime(t[10]);
        Long organization = organizations.get(a.canonicalId());
        if (organization == null) {
            organization = VendorIds.ZENDESK_ORGANIZATION_BASE + organizations.size() + 1;
            organizations.put(a.canonicalId(), organization);
            identities.put(organization.toString(), a.canonicalId());
            String since = VendorIds.fivetranTime(a.createdAt());
            organizationSink.row(organization, since, since, "",
                    a.zendeskLinkage() == Linkage.EXTERNAL_ID ? a.salesforceId() : "", "", a.name(), "", "false",
                    "false", since, "https://baton-demo.zendesk.com/api/v2/organizations/" + organization + ".json");
        }
        if (!requestersOf.equals(a.canonicalId())) {
            // tickets come account by account: a requester is looked up among its own account's people only
            requesters.clear();
            requestersOf = a.canonicalId();
        }
        String email = a.vendorEmail(t[9]);
        Long requester = requesters.get(email);
        if (requester == null) {
            requester = VendorIds.ZENDESK_USER_BASE + ++users;
            requesters.put(email, requester);
            String name = email.substring(0, email.indexOf('@')).replace('.', ' ');
            userSink.row(requester, created, "true", created, email, "", name, organization, "end-user", "UTC", created);
        }
        Long agent = agents.get(a.csmOwner());
        String ticket = Long.toString(VendorIds.number(t[0]));
        ticketSink.row(ticket, updated, created, organization, t[6], requester, requester, agent == null ? "" : agent,
                t[5], "Support request " + ticket, "question", updated, t[7], t[8]);
        commentSink.row(++comments, created, "Request from " + email, created, "false", "true", ticket, "false",
                requester, "false");
        if (!t[3].isEmpty()) {
            String responded = VendorIds.fivetranTime(t[3]);
            commentSink.row(++comments, responded, "First response", responded, "false", "true", ticket, "false",
                    agent == null ? "" : agent, "false");
        }
        historySink.row("status", ticket, created, created, requester, "new");
        if (!t[4].isEmpty()) {
            String solved = VendorIds.fivetranTime(t[4]);
            historySink.row("status", ticket, solved, solved, agent == null ? "" : agent, "solved");
            if (t[5].equals("closed") && solved.compareTo(updated) < 0) {
                historySink.row("status", ticket, updated, updated, "", "closed");
            }
        }
    }
}
