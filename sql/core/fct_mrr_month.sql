/* model: fct_mrr_month
   grain: one row per account per calendar month from its first paid month to the run month (account_id, month_start)
   depends_on: int_mrr_account_month_currency, int_fx_rates_at_month_end, dim_month, run_context
   incremental_by: account_id
*/
with

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

-- why: the movement of a month is split into a change at constant rates and an fx part, so each month's
-- MRR is also valued at the previous month's closing rates (a currency with no rate yet last month at its
-- earliest rate: it had no MRR then, or that month is missing a rate itself and fails its audit)
valued as (
    select
        local_mrr.account_id,
        local_mrr.month_start,
        sum(cast(local_mrr.mrr_local as decimal(19, 6)) * current_rates.rate_to_reporting) as mrr,
        sum(cast(local_mrr.mrr_local as decimal(19, 6)) * previous_rates.constant_currency_rate) as mrr_at_previous_rates,
        sum(case when local_mrr.mrr_local <> 0 and current_rates.rate_to_reporting is null then 1 else 0 end)
            as missing_rates,
        max(case when local_mrr.has_paused_row then 1 else 0 end) = 1 as is_paused
    from local_mrr
    inner join months
        on months.month_start = local_mrr.month_start
    left join rates as current_rates
        on current_rates.currency = local_mrr.currency
        and current_rates.month_start = local_mrr.month_start
    left join rates as previous_rates
        on previous_rates.currency = local_mrr.currency
        and previous_rates.month_start = months.previous_month_start
    group by local_mrr.account_id, local_mrr.month_start
),

first_paid as (
    select
        account_id,
        min(month_start) as first_paid_month
    from valued
    where mrr > 0
    group by account_id
),

-- why: a churned account keeps a zero row every month so later months can see it left (and came back)
account_months as (
    select
        first_paid.account_id,
        first_paid.first_paid_month,
        months.month_start,
        months.month_end,
        months.month_key
    from first_paid
    inner join months
        on months.month_start >= first_paid.first_paid_month
)

select
    account_months.account_id,
    account_months.month_start,
    account_months.month_end,
    account_months.month_key,
    account_months.month_start = account_months.first_paid_month as is_first_paid_month,
    cast(coalesce(valued.mrr, 0) as decimal(18, 6)) as mrr,
    cast(coalesce(valued.mrr_at_previous_rates, 0) as decimal(18, 6)) as mrr_at_previous_rates,
    coalesce(valued.is_paused, false) as is_paused,
    -- why: a customer is an account paying or paused (a pause is not churn unless pause_treatment = churn); logo
    -- counts (starting accounts, cohort and T12M logo retention) and the opening set of NRR/GRR count customers
    coalesce(valued.mrr, 0) > 0 or (coalesce(valued.is_paused, false) and run.pause_treatment = 'contraction')
        as is_customer,
    cast(coalesce(valued.missing_rates, 0) as integer) as missing_fx_rates
from account_months
cross join run
left join valued
    on valued.account_id = account_months.account_id
    and valued.month_start = account_months.month_start
