-- Every paying currency needs a rate on or before the month's last day (and the previous month's), or MRR
-- would silently lose that subscription.
select account_id, month_start, missing_fx_rates
from fct_mrr_month
where missing_fx_rates > 0
