/* model: mart_support_before_churn
   grain: one row per outcome of a paying account-month, churned or retained (outcome)
   depends_on: mart_support_before_churn_account_month
*/
with

observations as (
    select * from mart_support_before_churn_account_month
)

select
    outcome,
    cast(count(*) as bigint) as account_months,
    cast(count(distinct account_id) as bigint) as accounts,
    cast(sum(tickets_opened_3m) as bigint) as tickets_opened,
    cast(sum(tickets_opened_3m) as double) / nullif(count(*), 0) as avg_tickets_3m,
    cast(sum(escalations_3m) as double) / nullif(count(*), 0) as avg_escalations_3m,
    cast(sum(case when tickets_opened_3m > 0 then 1 else 0 end) as double) / nullif(count(*), 0) as share_with_tickets,
    cast(sum(csat_points_3m) as double) / nullif(sum(csat_responses_3m), 0) as csat_avg,
    cast(sum(csat_responses_3m) as bigint) as csat_responses
from observations
group by outcome
