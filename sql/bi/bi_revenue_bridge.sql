/* model: bi_revenue_bridge
   grain: one row per calendar month with recurring revenue, for dashboards (month)
   depends_on: mart_mrr_bridge
*/
with

bridge as (
    select * from mart_mrr_bridge
)

select
    bridge.month,
    bridge.opening_mrr,
    bridge.new as new_mrr,
    bridge.expansion as expansion_mrr,
    bridge.contraction as contraction_mrr,
    bridge.churn as churned_mrr,
    bridge.reactivation as reactivation_mrr,
    bridge.fx as fx_mrr,
    bridge.closing_mrr,
    bridge.closing_mrr - bridge.opening_mrr as net_new_mrr,
    bridge.paying_accounts
from bridge
