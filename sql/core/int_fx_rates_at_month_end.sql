/* model: int_fx_rates_at_month_end
   grain: one row per currency of the feed per month: the rate that month's MRR is valued at (empty before the currency's
          first rate) and the rate constant-currency figures value it at (currency, month_start)
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

-- why: the rate of a month is the latest one dated on or before its last day (the run month: the run date), however
-- sparse the feed
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
        and fx_rates.rate_date <= run.run_date
),

-- why: with fx_rate_rule = month-average a month is valued at the plain average of the rates dated in it
month_averages as (
    select
        fx_rates.currency,
        months.month_start,
        avg(fx_rates.rate_to_reporting) as rate_to_reporting
    from fx_rates
    inner join months
        on fx_rates.rate_date >= months.month_start
        and fx_rates.rate_date <= months.month_end
    cross join run
    where fx_rates.rate_date <= run.run_date
    group by fx_rates.currency, months.month_start
),

chosen as (
    select
        ranked.currency,
        ranked.month_start,
        case
            when run.fx_rate_rule = 'month-average' and month_averages.rate_to_reporting is not null
                then month_averages.rate_to_reporting
            else ranked.rate_to_reporting
        end as rate_to_reporting
    from ranked
    cross join run
    left join month_averages
        on month_averages.currency = ranked.currency
        and month_averages.month_start = ranked.month_start
    where ranked.recency = 1
),

-- why: a constant-currency figure (cohort, NRR and T12M) values a later month's MRR at an earlier month's rates; a
-- currency with no rate yet in that month is valued at its earliest rate rather than dropped
earliest as (
    select currency, rate_to_reporting
    from (
        select
            fx_rates.currency,
            fx_rates.rate_to_reporting,
            row_number() over (partition by fx_rates.currency order by fx_rates.rate_date) as position
        from fx_rates
        cross join run
        where fx_rates.currency <> run.reporting_currency
    ) as dated
    where position = 1
),

every_month as (
    select
        earliest.currency,
        months.month_start,
        chosen.rate_to_reporting,
        coalesce(chosen.rate_to_reporting, earliest.rate_to_reporting) as constant_currency_rate
    from earliest
    cross join months
    left join chosen
        on chosen.currency = earliest.currency
        and chosen.month_start = months.month_start
),

reporting_currency as (
    select
        run.reporting_currency as currency,
        months.month_start,
        cast(1 as decimal(18, 8)) as rate_to_reporting
    from months
    cross join run
)

select
    currency,
    month_start,
    cast(rate_to_reporting as decimal(18, 8)) as rate_to_reporting,
    cast(constant_currency_rate as decimal(18, 8)) as constant_currency_rate
from every_month
union all
select currency, month_start, rate_to_reporting, rate_to_reporting as constant_currency_rate
from reporting_currency
