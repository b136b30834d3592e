-- Sources deepened: natural keys, hashed personal data, incremental reconciliation and ledgers.
-- Column comments are part of the contract the extractor reads:
--   'natural key'            the column (with updated_at, when the entity has one) identifies a row version
--   'hmac-sha256 of <column>' the landed value is the keyed hash of that source column; the raw value is never stored

comment on column landed_accounts.account_id is 'natural key';
comment on column landed_deals.deal_id is 'natural key';
comment on column landed_subscriptions.subscription_id is 'natural key';
comment on column landed_tickets.ticket_id is 'natural key';
comment on column landed_handoffs.deal_id is 'natural key';
comment on column landed_spend.month is 'natural key';
comment on column landed_spend.channel is 'natural key';
comment on column landed_spend.category is 'natural key';
comment on column landed_fx_rates.date is 'natural key';
comment on column landed_fx_rates.currency is 'natural key';

alter table landed_tickets add column requester_email_hash varchar;
comment on column landed_tickets.requester_email_hash is 'hmac-sha256 of requester_email';

-- rows_read = rows_loaded (new keys) + rows_updated (new versions) + rows_unchanged + rows_quarantined
alter table load_reconciliation add column rows_updated bigint default 0;
alter table load_reconciliation add column rows_unchanged bigint default 0;

-- Every delivery archived and loaded: the raw rows live under <warehouse>/raw/<entity>/load_date=<run_date>/.
create table load_ledger (
    run_date date not null,
    entity varchar not null,
    source_file varchar not null,
    checksum varchar not null,
    rows_read bigint not null,
    archive_path varchar,
    loaded_at timestamptz not null
);

-- The highest updated_at read from each JDBC source table, so the next run reads only what changed.
create table source_watermarks (
    source_name varchar not null,
    entity varchar not null,
    watermark varchar,
    updated_at timestamptz not null
);
