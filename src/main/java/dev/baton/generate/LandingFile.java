package dev.baton.generate;

/** The landing contract: one CSV file per entity with a fixed header. */
enum LandingFile {
    ACCOUNTS("accounts", "account_id", "account_name", "segment", "industry", "country", "acquisition_channel",
            "sales_owner", "csm_owner", "created_at", "updated_at"),
    DEALS("deals", "deal_id", "account_id", "deal_name", "deal_type", "stage", "amount", "currency", "created_at",
            "closed_at", "is_won", "owner", "lead_source", "updated_at", "referred_by_account_id"),
    SUBSCRIPTIONS("subscriptions", "subscription_id", "account_id", "plan", "quantity", "amount", "currency",
            "billing_period_months", "discount_pct", "start_date", "end_date", "status", "updated_at"),
    TICKETS("tickets", "ticket_id", "account_id", "created_at", "first_response_at", "solved_at", "status",
            "priority", "channel", "csat_score", "requester_email", "updated_at"),
    HANDOFFS("handoffs", "deal_id", "account_id", "handed_off_at", "sales_owner", "csm_owner", "customer_profile",
            "contract_terms", "background_problem", "success_definition", "valued_points", "concerns", "promises",
            "key_people", "communication_log", "notes_for_cs"),
    SPEND("spend", "month", "channel", "category", "amount", "currency"),
    FX_RATES("fx_rates", "date", "currency", "rate_to_reporting"),
    SURVEY_RESPONSES("survey_responses", "response_id", "account_id", "respondent_email", "survey", "score",
            "responded_at", "updated_at");

    private final String entity;
    private final String[] header;

    LandingFile(String entity, String... header) {
        this.entity = entity;
        this.header = header;
    }

    String entity() {
        return entity;
    }

    String fileName() {
        return entity + ".csv";
    }

    String[] header() {
        return header.clone();
    }
}
