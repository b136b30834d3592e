-- An audit's severity, from its file's `-- severity:` line: error audits that return rows fail the night, warn
-- audits are listed in the run summary and `baton status`. Rows written before this column were error audits.
alter table audit_results add column severity varchar not null default 'error';

-- Each fact feed's newest date on or before the run date, as the freshness step found it tonight (empty when the
-- feed has no rows); stale = older than baton.freshness.max-age. Read by `baton status`.
create table feed_freshness (
    run_date date not null,
    entity varchar not null,
    newest_date date,
    stale boolean not null
);
