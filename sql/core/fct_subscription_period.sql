/* model: fct_subscription_period
   grain: one row per subscription period of constant terms (subscription_id)
   depends_on: stg_subscriptions, run_context
   incremental_by: subscription_id
*/
with

subscriptions as (
    select * from stg_subscriptions
),

run as (
    select * from run_context
),

-- why: a cancellation is known from the contract as the canceled row's updated_at (when billing recorded
-- it), counted as a calendar date in the reporting time zone
dated as (
    select
        subscriptions.*,
        case
            when subscriptions.status = 'canceled'
                then cast(from_utc_timestamp(subscriptions.updated_at, run.reporting_time_zone) as date)
        end as canceled_on
    from subscriptions
    cross join run
)

select
    dated.subscription_id,
    dated.account_id,
    coalesce(dated.plan, 'unknown') as plan,
    dated.quantity,
    dated.amount,
    dated.currency,
    dated.billing_period_months,
    dated.discount_pct,
    dated.start_date,
    dated.end_date,
    dated.status,
    dated.canceled_on,
    -- why: the day the row stops counting (exclusive). By default a canceled row counts to the end of its paid
    -- period (end_date); with churn_recognition = cancellation-date it stops on the day it was canceled. A
    -- canceled row without an end_date has no known paid period and stops on its cancellation date either way.
    case
        when dated.canceled_on is null then dated.end_date
        when dated.end_date is null then dated.canceled_on
        when run.churn_recognition = 'cancellation-date' and dated.canceled_on < dated.end_date then dated.canceled_on
        else dated.end_date
    end as effective_end_date,
    -- why: MRR is the recurring amount per month: a 12-month term is spread over 12 months; pauses bring in
    -- nothing, trials nothing unless trials = included; discounts count unless discounts = list
    cast(
        case
            when dated.status = 'paused' then 0
            when dated.status = 'trial' and run.trials <> 'included' then 0
            when run.discounts = 'list'
                then cast(dated.amount as decimal(38, 2)) * dated.quantity / dated.billing_period_months
            else cast(dated.amount as decimal(38, 2)) * dated.quantity * (100 - dated.discount_pct)
                / (100 * dated.billing_period_months)
        end
        as decimal(18, 6)
    ) as monthly_amount_local
from dated
cross join run
