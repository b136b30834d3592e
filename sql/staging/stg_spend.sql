/* model: stg_spend
   grain: one row per month, channel and category (month_start, channel, category)
   depends_on: landed_spend
*/
with

landed as (
    select * from landed_spend
),

-- why: a row delivered again (a re-sent file, a correction) must count once; the newest version wins
versions as (
    select
        landed.*,
        row_number() over (
            partition by landed.month, lower(landed.channel), landed.category
            order by landed._source_file desc, landed._line_number desc
        ) as version_rank
    from landed
)

select
    cast(concat(month, '-01') as date) as month_start,
    lower(channel) as channel,
    category,
    amount,
    currency
from versions
where version_rank = 1
