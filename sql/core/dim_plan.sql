/* model: dim_plan
   grain: one row per plan name (plan)
   depends_on: stg_subscriptions
*/
with

subscriptions as (
    select * from stg_subscriptions
)

select
    coalesce(plan, 'unknown') as plan,
    min(start_date) as first_seen_date,
    cast(count(*) as bigint) as subscription_periods,
    cast(min(billing_period_months) as integer) as shortest_billing_period_months,
    cast(max(billing_period_months) as integer) as longest_billing_period_months
from subscriptions
group by coalesce(plan, 'unknown')
