/* model: mart_mrr_bridge
   grain: one row per calendar month with recurring revenue (month)
   depends_on: fct_mrr_movement, dim_month, run_context
   recompute_from_month: month
*/
with

movements as (
    select * from fct_mrr_movement
),

months as (
    select * from dim_month
),

run as (
    select * from run_context
),

bridge as (
    select
        month_start,
        cast(sum(opening_mrr) as decimal(18, 6)) as opening_mrr,
        cast(sum(new_mrr) as decimal(18, 6)) as new,
        cast(sum(expansion_mrr) as decimal(18, 6)) as expansion,
        cast(sum(contraction_mrr) as decimal(18, 6)) as contraction,
        cast(sum(churned_mrr) as decimal(18, 6)) as churn,
        cast(sum(reactivation_mrr) as decimal(18, 6)) as reactivation,
        cast(sum(fx_mrr) as decimal(18, 6)) as fx,
        cast(sum(closing_mrr) as decimal(18, 6)) as closing_mrr,
        cast(sum(case when closing_mrr > 0 then 1 else 0 end) as bigint) as paying_accounts,
        -- quick ratio = (new + expansion + reactivation) / (contraction + churn); empty when nothing was lost
        cast(sum(new_mrr + expansion_mrr + reactivation_mrr) as double) / nullif(sum(contraction_mrr + churned_mrr), 0)
            as quick_ratio
    from movements
    group by month_start
)

select
    bridge.month_start as month,
    bridge.opening_mrr,
    bridge.new,
    bridge.expansion,
    bridge.contraction,
    bridge.churn,
    bridge.reactivation,
    bridge.fx,
    bridge.closing_mrr,
    bridge.paying_accounts,
    bridge.quick_ratio,
    -- the run month is valued on the run date: its figures are to date, not the month's
    months.month_end > run.run_date as is_partial_month
from bridge
inner join months
    on months.month_start = bridge.month_start
cross join run
