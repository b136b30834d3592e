/* model: int_mrr_account_month_currency
   grain: one row per account, month and currency with a subscription row in force on the month's last day (account_id, month_start, currency)
   depends_on: fct_subscription_period, dim_month
   incremental_by: account_id
*/
with

periods as (
    select * from fct_subscription_period
),

months as (
    select * from dim_month
)

select
    periods.account_id,
    months.month_start,
    periods.currency,
    cast(sum(periods.monthly_amount_local) as decimal(18, 6)) as mrr_local,
    max(case when periods.status = 'paused' then 1 else 0 end) = 1 as has_paused_row
from periods
-- why: the state on the month's last day decides the month; the end is exclusive and already reflects when
-- churn is recognised (fct_subscription_period.effective_end_date)
inner join months
    on periods.start_date <= months.month_end
    and (periods.effective_end_date is null or periods.effective_end_date > months.month_end)
group by periods.account_id, months.month_start, periods.currency
