/* model: int_product_line_account_month
   grain: one row per account, month and product line with a subscription row in force on the month's valuation day (account_id, month_start, product_line)
   depends_on: fct_subscription_period, plan_product_line, int_fx_rates_at_month_end, dim_month, run_context
   incremental_by: account_id
*/
with

periods as (
    select * from fct_subscription_period
),

plan_lines as (
    select * from plan_product_line
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

-- why: valued like MRR (int_mrr_account_month_currency): on the month's last day, the run month on the run date
valuation_days as (
    select
        months.month_start,
        months.month_key,
        case when months.month_end > run.run_date then run.run_date else months.month_end end as valued_on
    from months
    cross join run
),

line_months as (
    select
        periods.account_id,
        valuation_days.month_start,
        valuation_days.month_key,
        -- a plan the job's product_lines does not list is its own product line
        coalesce(plan_lines.product_line, periods.plan) as product_line,
        sum(cast(periods.monthly_amount_local as decimal(19, 6)) * rates.rate_to_reporting) as line_mrr
    from periods
    inner join valuation_days
        on periods.start_date <= valuation_days.valued_on
        and (periods.effective_end_date is null or periods.effective_end_date > valuation_days.valued_on)
    left join plan_lines
        on plan_lines.plan = periods.plan
    left join rates
        on rates.currency = periods.currency
        and rates.month_start = valuation_days.month_start
    group by periods.account_id, valuation_days.month_start, valuation_days.month_key,
        coalesce(plan_lines.product_line, periods.plan)
)

select
    account_id,
    month_start,
    month_key,
    product_line,
    cast(line_mrr as decimal(18, 6)) as line_mrr,
    -- the first month the account paid for anything of this line: from then on the line is not new to it
    cast(min(case when line_mrr > 0 then month_key end) over (partition by account_id, product_line) as integer)
        as first_paid_month_key
from line_months
