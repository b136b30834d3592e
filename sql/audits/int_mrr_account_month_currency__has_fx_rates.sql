-- A month with MRR in a currency that has no rate for it fails the night wherever it falls, also before the
-- account's first valued month (where fct_mrr_month has no row to show the gap).
select local_mrr.account_id, local_mrr.month_start, local_mrr.currency, local_mrr.mrr_local
from int_mrr_account_month_currency as local_mrr
left join int_fx_rates_at_month_end as rates
    on rates.currency = local_mrr.currency
    and rates.month_start = local_mrr.month_start
where local_mrr.mrr_local <> 0 and rates.rate_to_reporting is null
