-- Each month opens where the one before closed.
select current_month.month, current_month.opening_mrr, previous_month.closing_mrr as previous_closing_mrr
from mart_mrr_bridge as current_month
inner join dim_month
    on dim_month.month_start = current_month.month
inner join mart_mrr_bridge as previous_month
    on previous_month.month = dim_month.previous_month_start
where current_month.opening_mrr <> previous_month.closing_mrr
