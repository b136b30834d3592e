/* model: mart_retention_monthly
   grain: one row per calendar month (month)
   depends_on: fct_mrr_movement, fct_mrr_month, int_mrr_account_month_currency, int_fx_rates_at_month_end, dim_month, run_context
*/
with

movements as (
    select * from fct_mrr_movement
),

mrr_months as (
    select * from fct_mrr_month
),

local_mrr as (
    select * from int_mrr_account_month_currency
),

rates as (
    select * from int_fx_rates_at_month_end
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

-- why: a trailing-12-month period ending in month M opens at the end of month M-12: the customers then (paying or
-- paused), at their MRR then (0 for a paused one)
openings as (
    select
        mrr_months.account_id,
        mrr_months.month_start as opening_month,
        months.month_start as period_end_month,
        mrr_months.mrr as opening_mrr
    from mrr_months
    inner join months
        on months.month_key = mrr_months.month_key + 12
    where mrr_months.is_customer
),

-- why: constant currency: the closing month's subscriptions valued at the opening month's rates, so a rate
-- move over the year is neither retention nor churn
closings as (
    select
        openings.account_id,
        openings.period_end_month,
        sum(cast(local_mrr.mrr_local as decimal(19, 6)) * rates.constant_currency_rate) as closing_mrr_at_opening_rates
    from openings
    inner join local_mrr
        on local_mrr.account_id = openings.account_id
        and local_mrr.month_start = openings.period_end_month
    left join rates
        on rates.currency = local_mrr.currency
        and rates.month_start = openings.opening_month
    group by openings.account_id, openings.period_end_month
),

trailing_year as (
    select
        openings.period_end_month as month_start,
        count(*) as starting_accounts,
        sum(case when closing_months.is_customer then 1 else 0 end) as retained_accounts,
        sum(openings.opening_mrr) as starting_mrr,
        sum(coalesce(closings.closing_mrr_at_opening_rates, 0)) as retained_with_expansion_mrr,
        sum(least(coalesce(closings.closing_mrr_at_opening_rates, 0), openings.opening_mrr)) as retained_mrr
    from openings
    left join closings
        on closings.account_id = openings.account_id
        and closings.period_end_month = openings.period_end_month
    -- every account has a row in every month from its first paid month to the run month
    inner join mrr_months as closing_months
        on closing_months.account_id = openings.account_id
        and closing_months.month_start = openings.period_end_month
    group by openings.period_end_month
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
