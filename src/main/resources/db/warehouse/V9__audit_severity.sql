-- An audit's severity, from its file's `-- severity:` line: error audits that return rows fail the night, warn
-- audits are listed in the run summary and `baton status`. Rows written before this column were error audits.
alter table audit_results add column severity varchar not null default 'error';
