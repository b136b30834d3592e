-- Spend up to the run month is never dropped: the month spine starts at the earliest spend, so spend of a month up to
-- the run month that finds no spine month is lost from CAC, which fails the night. Spend dated after the run month is
-- not yet in the books on the run date (like a subscription starting after it): a backfill of an earlier date with
-- today's landing folder leaves it to the nights it belongs to.
select spend.channel, spend.month_start, spend.currency, spend.amount
from stg_spend as spend
left join dim_month
    on dim_month.month_start = spend.month_start
where dim_month.month_start is null
    and spend.month_start <= (select max(month_start) from dim_month)
