-- Metric settings the models read (baton.metrics.*, docs/metrics.md). The defaults here are the documented
-- defaults; the runner always writes every column.
alter table run_context add column reporting_time_zone varchar default 'UTC';
alter table run_context add column churn_recognition varchar default 'end-of-paid-period';
alter table run_context add column pause_treatment varchar default 'contraction';
alter table run_context add column trials varchar default 'excluded';
alter table run_context add column discounts varchar default 'net';
alter table run_context add column fx_rate_rule varchar default 'month-end';
