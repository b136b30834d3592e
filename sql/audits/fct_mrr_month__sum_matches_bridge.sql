-- The sum of account MRR is the bridge's closing MRR, every month.
select accounts.month_start, accounts.total_mrr, mart_mrr_bridge.closing_mrr
from (
    select month_start, sum(mrr) as total_mrr
    from fct_mrr_month
    group by month_start
) as accounts
left join mart_mrr_bridge
    on mart_mrr_bridge.month = accounts.month_start
where mart_mrr_bridge.closing_mrr is null or accounts.total_mrr <> mart_mrr_bridge.closing_mrr
