-- Spend in a currency with no rate on or before its month's last day would vanish from CAC: it fails the night,
-- naming the channel, month and currency.
select spend.channel, spend.month_start, spend.currency, spend.amount
from stg_spend as spend
inner join dim_month
    on dim_month.month_start = spend.month_start
left join int_fx_rates_at_month_end as rates
    on rates.currency = spend.currency
    and rates.month_start = spend.month_start
where rates.rate_to_reporting is null
