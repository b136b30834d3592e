/* model: int_fx_rates_at_month_end
   grain: one row per currency per month: the rate in force on the month's last day (currency, month_start)
   depends_on: stg_fx_rates, dim_month, run_context
*/
with

fx_rates as (
    select * from stg_fx_rates
),

months as (
    select * from dim_month
),

run as (
    select * from run_context
),

-- why: the rate of a month is the latest one dated on or before its last day, however sparse the feed
ranked as (
    select
        fx_rates.currency,
        months.month_start,
        fx_rates.rate_to_reporting,
        row_number() over (
            partition by fx_rates.currency, months.month_start
            order by fx_rates.rate_date desc
        ) as recency
    from fx_rates
    inner join months
        on fx_rates.rate_date <= months.month_end
    cross join run
    where fx_rates.currency <> run.reporting_currency
),

reporting_currency as (
    select
        run.reporting_currency as currency,
        months.month_start,
        cast(1 as decimal(18, 8)) as rate_to_reporting
    from months
    cross join run
)

select currency, month_start, cast(rate_to_reporting as decimal(18, 8)) as rate_to_reporting
from ranked
where recency = 1
union all
select currency, month_start, rate_to_reporting
from reporting_currency
