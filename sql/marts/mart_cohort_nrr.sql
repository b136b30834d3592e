/* model: mart_cohort_nrr
   grain: one row per cohort (first paid month) per month since its start (cohort_month, months_since_start)
   depends_on: fct_mrr_month, int_mrr_account_month_currency, int_fx_rates_at_month_end
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

cohorts as (
    select
        account_id,
        month_start as cohort_month,
        month_key as cohort_key,
        mrr as starting_mrr
    from mrr_months
    where is_first_paid_month
),

-- why: cohort NRR is in constant currency, every later month valued at the cohort month's rates
valued_at_cohort_rates as (
    select
        local_mrr.account_id,
        local_mrr.month_start,
        sum(cast(local_mrr.mrr_local as decimal(38, 6)) * rates.rate_to_reporting) as mrr_at_cohort_rates
    from local_mrr
    inner join cohorts
        on cohorts.account_id = local_mrr.account_id
    left join rates
        on rates.currency = local_mrr.currency
        and rates.month_start = cohorts.cohort_month
    group by local_mrr.account_id, local_mrr.month_start
),

account_months as (
    select
        cohorts.cohort_month,
        mrr_months.month_key - cohorts.cohort_key as months_since_start,
        mrr_months.account_id,
        cohorts.starting_mrr,
        cast(coalesce(valued_at_cohort_rates.mrr_at_cohort_rates, 0) as decimal(18, 6)) as mrr
    from mrr_months
    inner join cohorts
        on cohorts.account_id = mrr_months.account_id
    left join valued_at_cohort_rates
        on valued_at_cohort_rates.account_id = mrr_months.account_id
        and valued_at_cohort_rates.month_start = mrr_months.month_start
),

cohort_months as (
    select
        cohort_month,
        months_since_start,
        count(*) as cohort_accounts,
        sum(case when mrr > 0 then 1 else 0 end) as active_accounts,
        sum(starting_mrr) as starting_mrr,
        sum(mrr) as mrr,
        sum(least(mrr, starting_mrr)) as retained_mrr
    from account_months
    group by cohort_month, months_since_start
)

select
    cohort_month,
    cast(months_since_start as integer) as months_since_start,
    cast(cohort_accounts as bigint) as cohort_accounts,
    cast(active_accounts as bigint) as active_accounts,
    cast(starting_mrr as decimal(18, 6)) as starting_mrr,
    cast(mrr as decimal(18, 6)) as mrr,
    cast(retained_mrr as decimal(18, 6)) as retained_mrr,
    cast(mrr as double) / nullif(starting_mrr, 0) as nrr,
    cast(retained_mrr as double) / nullif(starting_mrr, 0) as grr,
    cast(active_accounts as double) / nullif(cohort_accounts, 0) as logo_retention
from cohort_months
