/* model: mart_retention_monthly
   grain: one row per calendar month (month)
   depends_on: fct_mrr_movement, int_trailing_year_account_month, dim_month, run_context
   recompute_from_month: month
*/
with

movements as (
    select * from fct_mrr_movement
),

-- each account's trailing year, opening at the end of month M-12 and closing in month M
trailing_year_accounts as (
    select * from int_trailing_year_account_month
),

months as (
    select * from dim_month
),

run as (
    select * from run_context
),

monthly as (
    select
        month_start,
        sum(case when is_opening_customer then 1 else 0 end) as starting_accounts,
        sum(opening_mrr) as starting_mrr,
        sum(closing_mrr_at_opening_rates) as retained_with_expansion_mrr,
        sum(case when is_opening_customer then least(closing_mrr_at_opening_rates, opening_mrr) else 0 end) as retained_mrr,
        sum(new_mrr + expansion_mrr + reactivation_mrr) as gained_mrr,
        sum(contraction_mrr + churned_mrr) as lost_mrr
    from movements
    group by month_start
),

trailing_year as (
    select
        month_start,
        count(*) as starting_accounts,
        sum(case when is_closing_customer then 1 else 0 end) as retained_accounts,
        sum(opening_mrr) as starting_mrr,
        sum(coalesce(closing_mrr_at_opening_rates, 0)) as retained_with_expansion_mrr,
        sum(least(coalesce(closing_mrr_at_opening_rates, 0), opening_mrr)) as retained_mrr
    from trailing_year_accounts
    group by month_start
)

select
    months.month_start as month,
    cast(coalesce(monthly.starting_accounts, 0) as bigint) as starting_accounts,
    cast(coalesce(monthly.starting_mrr, 0) as decimal(18, 6)) as starting_mrr,
    cast(monthly.retained_with_expansion_mrr as double) / nullif(monthly.starting_mrr, 0) as nrr,
    cast(monthly.retained_mrr as double) / nullif(monthly.starting_mrr, 0) as grr,
    cast(monthly.gained_mrr as double) / nullif(monthly.lost_mrr, 0) as quick_ratio,
    cast(coalesce(trailing_year.starting_accounts, 0) as bigint) as t12m_starting_accounts,
    cast(coalesce(trailing_year.starting_mrr, 0) as decimal(18, 6)) as t12m_starting_mrr,
    cast(coalesce(trailing_year.retained_with_expansion_mrr, 0) as decimal(18, 6)) as t12m_retained_with_expansion_mrr,
    cast(coalesce(trailing_year.retained_mrr, 0) as decimal(18, 6)) as t12m_retained_mrr,
    cast(trailing_year.retained_with_expansion_mrr as double) / nullif(trailing_year.starting_mrr, 0) as t12m_nrr,
    cast(trailing_year.retained_mrr as double) / nullif(trailing_year.starting_mrr, 0) as t12m_grr,
    cast(trailing_year.retained_accounts as double) / nullif(trailing_year.starting_accounts, 0) as t12m_logo_retention,
    -- the run month is valued on the run date: its figures are to date, not the month's
    months.month_end > run.run_date as is_partial_month
from months
cross join run
left join monthly
    on monthly.month_start = months.month_start
left join trailing_year
    on trailing_year.month_start = months.month_start
