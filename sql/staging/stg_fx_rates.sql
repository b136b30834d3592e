/* model: stg_fx_rates
   grain: one row per currency per rate date (currency, rate_date)
   depends_on: landed_fx_rates
*/
with

landed as (
    select * from landed_fx_rates
),

-- why: a row delivered again (a re-sent file, a correction) must count once; the newest version wins
versions as (
    select
        landed.*,
        row_number() over (
            partition by landed.currency, landed.date
            order by landed._source_file desc, landed._line_number desc
        ) as version_rank
    from landed
)

select
    date as rate_date,
    currency,
    rate_to_reporting
from versions
where version_rank = 1
