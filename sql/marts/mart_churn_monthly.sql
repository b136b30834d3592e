/* model: mart_churn_monthly
   grain: one row per calendar month per customer segment, plus segment 'all' for the total (month, segment)
   depends_on: fct_mrr_movement, dim_account, dim_month, run_context
   recompute_from_month: month
*/
with

movements as (
    select * from fct_mrr_movement
),

accounts as (
    select * from dim_account
),

months as (
    select * from dim_month
),

run as (
    select * from run_context
),

segmented as (
    select
        movements.*,
        coalesce(accounts.segment, 'unknown') as segment
    from movements
    left join accounts
        on accounts.account_id = movements.account_id
),

-- why: one row set per segment and one for everyone, so the total is never re-derived by a dashboard
both_levels as (
    select segmented.*, segmented.segment as reporting_segment from segmented
    union all
    select segmented.*, 'all' as reporting_segment from segmented
),

totals as (
    select
        month_start,
        reporting_segment,
        sum(case when is_opening_customer then 1 else 0 end) as starting_accounts,
        sum(case when movement_type = 'new' then 1 else 0 end) as new_accounts,
        sum(case when movement_type = 'churn' then 1 else 0 end) as churned_accounts,
        sum(case when movement_type = 'reactivation' then 1 else 0 end) as reactivated_accounts,
        sum(opening_mrr) as starting_mrr,
        sum(new_mrr) as new_mrr,
        sum(expansion_mrr) as expansion_mrr,
        sum(contraction_mrr) as contraction_mrr,
        sum(churned_mrr) as churned_mrr,
        sum(reactivation_mrr) as reactivation_mrr,
        sum(fx_mrr) as fx_mrr,
        sum(closing_mrr) as ending_mrr,
        sum(closing_mrr_at_opening_rates) as retained_with_expansion_mrr,
        sum(case when is_opening_customer then least(closing_mrr_at_opening_rates, opening_mrr) else 0 end) as retained_mrr
    from both_levels
    group by month_start, reporting_segment
)

select
    totals.month_start as month,
    reporting_segment as segment,
    cast(starting_accounts as bigint) as starting_accounts,
    cast(new_accounts as bigint) as new_accounts,
    cast(churned_accounts as bigint) as churned_accounts,
    cast(reactivated_accounts as bigint) as reactivated_accounts,
    cast(churned_accounts as double) / nullif(starting_accounts, 0) as logo_churn_rate,
    cast(starting_mrr as decimal(18, 6)) as starting_mrr,
    cast(new_mrr as decimal(18, 6)) as new_mrr,
    cast(expansion_mrr as decimal(18, 6)) as expansion_mrr,
    cast(contraction_mrr as decimal(18, 6)) as contraction_mrr,
    cast(churned_mrr as decimal(18, 6)) as churned_mrr,
    cast(reactivation_mrr as decimal(18, 6)) as reactivation_mrr,
    cast(fx_mrr as decimal(18, 6)) as fx_mrr,
    cast(ending_mrr as decimal(18, 6)) as ending_mrr,
    cast(churned_mrr + contraction_mrr as double) / nullif(starting_mrr, 0) as gross_mrr_churn_rate,
    cast(retained_with_expansion_mrr as double) / nullif(starting_mrr, 0) as nrr,
    cast(retained_mrr as double) / nullif(starting_mrr, 0) as grr,
    cast(new_mrr + expansion_mrr + reactivation_mrr as double) / nullif(contraction_mrr + churned_mrr, 0) as quick_ratio,
    -- the run month is valued on the run date: its figures are to date, not the month's
    months.month_end > run.run_date as is_partial_month
from totals
inner join months
    on months.month_start = totals.month_start
cross join run
