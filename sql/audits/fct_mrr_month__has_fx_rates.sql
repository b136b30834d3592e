-- Every paying currency needs a rate on or before the month's last day, or MRR would silently lose that
-- subscription. (The previous month's rate is needed only where the previous month had MRR in that currency, and
-- that month is checked itself: int_mrr_account_month_currency__has_fx_rates.)
select account_id, month_start, missing_fx_rates
from fct_mrr_month
where missing_fx_rates > 0
