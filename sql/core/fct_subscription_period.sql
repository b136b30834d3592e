/* model: fct_subscription_period
   grain: one row per subscription period of constant terms (subscription_id)
   depends_on: stg_subscriptions
*/
with

subscriptions as (
    select * from stg_subscriptions
)

select
    subscription_id,
    account_id,
    coalesce(plan, 'unknown') as plan,
    quantity,
    amount,
    currency,
    billing_period_months,
    discount_pct,
    start_date,
    end_date,
    status,
    -- why: MRR is the recurring amount per month: a 12-month term is spread over 12 months; trials and
    -- pauses bring in nothing
    cast(
        case
            when status in ('trial', 'paused') then 0
            else cast(amount as decimal(38, 2)) * quantity * (100 - discount_pct) / (100 * billing_period_months)
        end
        as decimal(18, 6)
    ) as monthly_amount_local
from subscriptions
