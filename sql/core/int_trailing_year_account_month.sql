/* model: int_trailing_year_account_month
   grain: one row per account per month that was a customer (paying or paused) at the end of the month 12 months earlier (account_id, month_start)
   depends_on: fct_mrr_month, int_mrr_account_month_currency, int_fx_rates_at_month_end, dim_month
   incremental_by: account_id
*/
-- why: mart_retention_monthly's trailing-12-month figures add up, over every account, what each account opened and
-- closed its year with; that per-account part lives here, rebuilt on an incremental night for the changed accounts
-- only, so the mart is a grouping of this table
with

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
)

select
    openings.account_id,
    openings.period_end_month as month_start,
    openings.opening_month,
    cast(openings.opening_mrr as decimal(18, 6)) as opening_mrr,
    -- why: not rounded here: the mart rounds the sum over every account to 6 places, as it always did
    closings.closing_mrr_at_opening_rates,
    closing_months.is_customer as is_closing_customer
from openings
left join closings
    on closings.account_id = openings.account_id
    and closings.period_end_month = openings.period_end_month
-- every account has a row in every month from its first paid month to the run month
inner join mrr_months as closing_months
    on closing_months.account_id = openings.account_id
    and closing_months.month_start = openings.period_end_month
