/* model: int_cohort_account_month
   grain: one row per account per month from its first paid month to the run month, valued at its cohort month's rates (account_id, month_start)
   depends_on: fct_mrr_month, int_mrr_account_month_currency, int_fx_rates_at_month_end, dim_account
   incremental_by: account_id
*/
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

accounts as (
    select * from dim_account
),

cohorts as (
    select
        account_id,
        month_start as cohort_month,
        month_key as cohort_key,
        mrr as starting_mrr
    from mrr_months
    where is_first_paid_month
),

-- why: cohort retention is in constant currency, every later month valued at the cohort month's rates (a currency
-- with no rate by then at its earliest rate)
valued_at_cohort_rates as (
    select
        local_mrr.account_id,
        local_mrr.month_start,
        sum(cast(local_mrr.mrr_local as decimal(19, 6)) * rates.constant_currency_rate) as mrr_at_cohort_rates
    from local_mrr
    inner join cohorts
        on cohorts.account_id = local_mrr.account_id
    left join rates
        on rates.currency = local_mrr.currency
        and rates.month_start = cohorts.cohort_month
    group by local_mrr.account_id, local_mrr.month_start
)

select
    mrr_months.account_id,
    mrr_months.month_start,
    cohorts.cohort_month,
    cast(mrr_months.month_key - cohorts.cohort_key as integer) as months_since_start,
    coalesce(accounts.segment, 'unknown') as segment,
    coalesce(accounts.acquisition_channel, 'unknown') as acquisition_channel,
    cast(cohorts.starting_mrr as decimal(18, 6)) as starting_mrr,
    cast(coalesce(valued_at_cohort_rates.mrr_at_cohort_rates, 0) as decimal(18, 6)) as mrr,
    mrr_months.is_customer
from mrr_months
inner join cohorts
    on cohorts.account_id = mrr_months.account_id
left join accounts
    on accounts.account_id = mrr_months.account_id
left join valued_at_cohort_rates
    on valued_at_cohort_rates.account_id = mrr_months.account_id
    and valued_at_cohort_rates.month_start = mrr_months.month_start
