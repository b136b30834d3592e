/* model: int_mrr_account_month_currency
   grain: one row per account, month and currency with a subscription row in force on the month's last day (account_id, month_start, currency)
   depends_on: fct_subscription_period, dim_month, run_context
   incremental_by: account_id
*/
with

periods as (
    select * from fct_subscription_period
),

months as (
    select * from dim_month
),

run as (
    select * from run_context
),

-- why: a month is valued on its last day, the run month on the run date (a cancellation dated after the run date
-- has not happened yet)
valuation_days as (
    select
        months.month_start,
        case when months.month_end > run.run_date then run.run_date else months.month_end end as valued_on
    from months
    cross join run
)

select
    periods.account_id,
    months.month_start,
    periods.currency,
    cast(sum(periods.monthly_amount_local) as decimal(18, 6)) as mrr_local,
    max(case when periods.status = 'paused' then 1 else 0 end) = 1 as has_paused_row
from periods
-- why: the state on the month's valuation day decides the month; the end is exclusive and already reflects when
-- churn is recognised (fct_subscription_period.effective_end_date)
inner join valuation_days as months
    on periods.start_date <= months.valued_on
    and (periods.effective_end_date is null or periods.effective_end_date > months.valued_on)
group by periods.account_id, months.month_start, periods.currency
