/* model: mart_handoff_retention
   grain: one row per hand-off completeness band per horizon of 90, 180 or 365 days (completeness_band, horizon_days)
   depends_on: mart_handoff_retention_account
*/
with

observed as (
    select * from mart_handoff_retention_account
)

select
    completeness_band,
    horizon_days,
    cast(count(*) as bigint) as accounts,
    cast(sum(case when horizon_mrr = 0 then 1 else 0 end) as bigint) as churned_accounts,
    cast(sum(base_mrr) as decimal(18, 6)) as base_mrr,
    cast(sum(horizon_mrr) as decimal(18, 6)) as horizon_mrr,
    cast(sum(horizon_mrr) as double) / nullif(sum(base_mrr), 0) as nrr,
    cast(sum(least(horizon_mrr, base_mrr)) as double) / nullif(sum(base_mrr), 0) as grr,
    cast(sum(case when horizon_mrr = 0 then 1 else 0 end) as double) / nullif(count(*), 0) as logo_churn_rate
from observed
group by completeness_band, horizon_days
