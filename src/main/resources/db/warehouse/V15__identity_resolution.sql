-- Identity resolution (issue 20, docs/identity.md): the account-like records of every source, and what the
-- identities step made of them. A job without that step leaves identity_map empty, and staging then keeps each
-- source's own account ids, exactly as before.

-- One row per account-like record of a source: a CRM account, a billing customer, a helpdesk organization.
-- domains: its web and e-mail domains, space-separated (a CRM website, a billing e-mail's domain, the domains of a
-- helpdesk organization's requesters); only domains, an e-mail address itself is never landed here.
-- external_system/external_id: an id of the same company in another system that the source itself declares (a
-- Stripe customer's metadata.salesforce_account_id, a Zendesk organization's external_id); an empty
-- external_system means the system of record.
create table landed_source_identities (
    system varchar not null check (regexp_full_match(system, '[a-z][a-z0-9_]*')),
    source_id varchar not null,
    kind varchar not null check (kind in ('account', 'customer', 'organization')),
    name varchar,
    domains varchar,
    external_system varchar,
    external_id varchar,
    updated_at timestamptz,
    _source_file varchar not null,
    _line_number bigint not null
);
comment on column landed_source_identities.system is 'natural key';
comment on column landed_source_identities.source_id is 'natural key';

-- Every source identity's canonical account, and the rule that linked it: system_of_record (an identity of the
-- system of record is its own account), crosswalk (account_map.csv), external_id, domain, name, or unmatched (an
-- account of its own, '<system>:<source_id>'). Replaced by each run of the identities step; staging reads it.
create table identity_map (
    system varchar not null,
    source_id varchar not null,
    account_id varchar not null,
    rule varchar not null check (rule in ('system_of_record', 'crosswalk', 'external_id', 'domain', 'name', 'unmatched')),
    matched_on varchar
);

-- Candidates the rules could not link because they point at two or more canonical accounts; replaced each run.
create table identity_ambiguous (
    system varchar not null,
    source_id varchar not null,
    rule varchar not null,
    matched_on varchar not null,
    candidates varchar not null
);

-- Links that differ from the previous night's identity_map, kept night after night: a link is never moved in silence.
create table identity_changes (
    run_date date not null,
    system varchar not null,
    source_id varchar not null,
    previous_account_id varchar not null,
    previous_rule varchar not null,
    account_id varchar not null,
    rule varchar not null
);
