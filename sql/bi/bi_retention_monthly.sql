/* model: bi_retention_monthly
   grain: one row per calendar month per customer segment, plus segment 'all', for dashboards (month, segment)
   depends_on: mart_churn_monthly
*/
with

churn as (
    select * from mart_churn_monthly
)

select
    churn.month,
    churn.segment,
    churn.starting_accounts,
    churn.new_accounts,
    churn.churned_accounts,
    churn.reactivated_accounts,
    churn.logo_churn_rate,
    churn.starting_mrr,
    churn.ending_mrr,
    churn.gross_mrr_churn_rate,
    churn.nrr as net_revenue_retention,
    churn.grr as gross_revenue_retention
from churn
