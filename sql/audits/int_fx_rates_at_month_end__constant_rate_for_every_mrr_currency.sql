-- Constant-currency figures (cohorts, monthly and T12M NRR/GRR, the bridge's split of fx) value MRR at some
-- month's constant_currency_rate: every currency with MRR must have one in every month, or that MRR is valued at NULL.
select currencies.currency, months.month_start
from (
    select distinct currency from int_mrr_account_month_currency where mrr_local <> 0
) as currencies
cross join dim_month as months
left join int_fx_rates_at_month_end as rates
    on rates.currency = currencies.currency
    and rates.month_start = months.month_start
where rates.constant_currency_rate is null
