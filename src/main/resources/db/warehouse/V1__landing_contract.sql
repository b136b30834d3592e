-- The canonical landing contract (../shared/DESIGN.md) as typed tables. The extractor reads these
-- definitions: a column's type is how its text is parsed, NOT NULL marks a required column, and a CHECK
-- is a rule a row must pass or be quarantined with that rule as its reason.

create table landed_accounts (
    account_id varchar not null,
    account_name varchar,
    segment varchar,
    industry varchar,
    country varchar,
    acquisition_channel varchar,
    sales_owner varchar,
    csm_owner varchar,
    created_at timestamptz,
    updated_at timestamptz,
    _source_file varchar not null,
    _line_number bigint not null
);

create table landed_deals (
    deal_id varchar not null,
    account_id varchar not null,
    deal_name varchar,
    deal_type varchar check (deal_type in ('new_business', 'expansion', 'renewal')),
    stage varchar not null,
    amount decimal(18, 2) check (amount >= 0),
    currency varchar check (regexp_full_match(currency, '[A-Z]{3}')),
    created_at timestamptz not null,
    closed_at timestamptz,
    is_won boolean,
    owner varchar,
    lead_source varchar,
    updated_at timestamptz,
    _source_file varchar not null,
    _line_number bigint not null
);

create table landed_subscriptions (
    subscription_id varchar not null,
    account_id varchar not null,
    plan varchar,
    quantity decimal(18, 4) check (quantity >= 0),
    amount decimal(18, 2) not null check (amount >= 0),
    currency varchar not null check (regexp_full_match(currency, '[A-Z]{3}')),
    billing_period_months integer not null check (billing_period_months > 0),
    discount_pct decimal(7, 4) check (discount_pct >= 0 and discount_pct <= 100),
    start_date date not null,
    end_date date check (end_date >= start_date),
    status varchar check (status in ('trial', 'active', 'paused', 'canceled')),
    updated_at timestamptz,
    _source_file varchar not null,
    _line_number bigint not null
);

-- requester_email is not landed at all until it can be stored as a keyed hash: never a raw address.
create table landed_tickets (
    ticket_id varchar not null,
    account_id varchar not null,
    created_at timestamptz not null,
    first_response_at timestamptz,
    solved_at timestamptz,
    status varchar,
    priority varchar,
    channel varchar,
    csat_score integer check (csat_score between 1 and 5),
    updated_at timestamptz,
    _source_file varchar not null,
    _line_number bigint not null
);

create table landed_handoffs (
    deal_id varchar not null,
    account_id varchar not null,
    handed_off_at timestamptz not null,
    sales_owner varchar,
    csm_owner varchar,
    customer_profile varchar,
    contract_terms varchar,
    background_problem varchar,
    success_definition varchar,
    valued_points varchar,
    concerns varchar,
    promises varchar,
    key_people varchar,
    communication_log varchar,
    notes_for_cs varchar,
    _source_file varchar not null,
    _line_number bigint not null
);

create table landed_spend (
    month varchar not null check (regexp_full_match(month, '[0-9]{4}-(0[1-9]|1[0-2])')),
    channel varchar not null,
    category varchar not null check (category in ('sales', 'marketing')),
    amount decimal(18, 2) not null check (amount >= 0),
    currency varchar not null check (regexp_full_match(currency, '[A-Z]{3}')),
    _source_file varchar not null,
    _line_number bigint not null
);

create table landed_fx_rates (
    date date not null,
    currency varchar not null check (regexp_full_match(currency, '[A-Z]{3}')),
    rate_to_reporting decimal(18, 8) not null check (rate_to_reporting > 0),
    _source_file varchar not null,
    _line_number bigint not null
);

-- One row per rejected value; a rejected line is never loaded.
create table quarantine (
    run_date date not null,
    entity varchar not null,
    source_file varchar not null,
    line_number bigint not null,
    column_name varchar,
    raw_value varchar,
    reason varchar not null
);

-- rows_read = rows_loaded + rows_quarantined for every file of every run (an audit checks it).
create table load_reconciliation (
    run_date date not null,
    entity varchar not null,
    source_file varchar not null,
    rows_read bigint not null,
    rows_loaded bigint not null,
    rows_quarantined bigint not null
);

-- What the models need to know about the run; written by the runner before the models are built.
create table run_context (
    run_date date not null,
    reporting_currency varchar not null,
    gross_margin decimal(9, 4) not null,
    ltv_churn_window_months integer not null
);

create table audit_results (
    run_date date not null,
    audit_name varchar not null,
    failing_rows bigint not null,
    passed boolean not null
);
