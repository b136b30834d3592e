-- Metric settings of issue 17 (docs/metrics.md): the months of spend a month's new accounts are attributed to
-- (CAC), and the lifetime LTV is capped at. The runner always writes every column.
alter table run_context add column cac_lag_months integer default 0;
alter table run_context add column ltv_max_lifetime_months integer default 60;
