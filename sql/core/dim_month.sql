/* model: dim_month
   grain: one row per calendar month from the first month with data to the run month (month_start)
   depends_on: dim_date
*/
with

days as (
    select * from dim_date
),

months as (
    select
        month_start,
        max(date_day) as month_end,
        cast(max(year_number) * 12 + max(month_number) as integer) as month_key
    from days
    group by month_start
)

select
    months.month_start,
    months.month_end,
    months.month_key,
    previous_months.month_start as previous_month_start,
    previous_months.month_end as previous_month_end
from months
left join months as previous_months
    on previous_months.month_key = months.month_key - 1
