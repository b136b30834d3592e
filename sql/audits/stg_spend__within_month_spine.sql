-- Spend is never dropped: the month spine starts at the earliest spend, so spend outside it is dated after the run
-- month, which fails the night.
select spend.channel, spend.month_start, spend.currency, spend.amount
from stg_spend as spend
left join dim_month
    on dim_month.month_start = spend.month_start
where dim_month.month_start is null
