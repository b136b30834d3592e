/* model: dim_date
   grain: one row per calendar day from the first month with data to the last day of the run month (date_day)
   depends_on: stg_subscriptions, stg_deals, stg_spend, run_context
*/
with

subscriptions as (
    select * from stg_subscriptions
),

deals as (
    select * from stg_deals
),

spend as (
    select * from stg_spend
),

run as (
    select * from run_context
),

digits as (
    select 0 as digit union all select 1 union all select 2 union all select 3 union all select 4
    union all select 5 union all select 6 union all select 7 union all select 8 union all select 9
),

-- why: the portable subset has no generate_series; five digits give 100,000 days (273 years)
day_numbers as (
    select
        ones.digit + 10 * tens.digit + 100 * hundreds.digit + 1000 * thousands.digit
            + 10000 * ten_thousands.digit as day_number
    from digits as ones
    cross join digits as tens
    cross join digits as hundreds
    cross join digits as thousands
    cross join digits as ten_thousands
),

first_days as (
    select min(start_date) as first_day from subscriptions
    union all
    select min(cast(from_utc_timestamp(deals.created_at, run.reporting_time_zone) as date)) as first_day
    from deals
    cross join run
    union all
    -- why: spend dated before the first subscription (marketing before launch) is counted, never dropped
    select min(month_start) as first_day from spend
    union all
    select run_date as first_day from run
),

bounds as (
    select
        cast(date_trunc('month', min(first_days.first_day)) as date) as first_day,
        max(run.run_date) as run_date
    from first_days
    cross join run
),

days as (
    select bounds.first_day + day_numbers.day_number as date_day
    from bounds
    cross join day_numbers
),

run_month_days as (
    select days.date_day
    from days
    cross join bounds
    where cast(date_trunc('month', days.date_day) as date) <= cast(date_trunc('month', bounds.run_date) as date)
)

select
    date_day,
    cast(date_trunc('month', date_day) as date) as month_start,
    cast(extract(year from date_day) as integer) as year_number,
    cast(extract(month from date_day) as integer) as month_number,
    cast(extract(day from date_day) as integer) as day_of_month
from run_month_days
