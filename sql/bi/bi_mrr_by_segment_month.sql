/* model: bi_mrr_by_segment_month
   grain: one row per calendar month per customer segment that has a row in bi_account_mrr that month (month, segment)
   depends_on: bi_account_mrr
   materialized: table
   sorted_by: month, segment
   recompute_from_month: month
*/
with

account_months as (
    select * from bi_account_mrr
)

-- why: a segment tile reads these few hundred stored rows instead of grouping every account-month at each query;
-- bi_account_mrr keeps a zero row every month after an account churns and while it is paused, so accounts counts
-- the paying rows only, and paused_accounts the paused ones that pay nothing (a tile shows the two apart)
select
    account_months.month,
    coalesce(account_months.segment, 'unknown') as segment,
    cast(sum(case when account_months.mrr > 0 then 1 else 0 end) as bigint) as accounts,
    cast(sum(case when account_months.mrr = 0 and account_months.is_paused then 1 else 0 end) as bigint)
        as paused_accounts,
    cast(sum(account_months.mrr) as decimal(18, 6)) as mrr
from account_months
group by account_months.month, coalesce(account_months.segment, 'unknown')
