-- stripe_subscription_history -> subscriptions: every recorded version, dated when it was synced.
-- The price is the plan (or price) on the subscription's latest invoice line item, in minor units; the discount
-- the share of it the subscription's discount takes off.
with

prices as (
    select
        stripe_invoice_line_item.subscription_id,
        max(coalesce(stripe_plan.amount, stripe_price.unit_amount)) as unit_amount_minor,
        max(upper(coalesce(stripe_plan.currency, stripe_price.currency, stripe_invoice_line_item.currency))) as currency,
        max(coalesce(stripe_plan.interval, stripe_price.recurring_interval)) as billing_interval,
        max(coalesce(stripe_plan.interval_count, stripe_price.recurring_interval_count)) as interval_count,
        -- the plan's nickname is the product tier where billing names one (e.g. pro), else the plan's id
        max(coalesce(nullif(stripe_plan.nickname, ''), stripe_plan.id, nullif(stripe_price.nickname, ''), stripe_price.id)) as plan
    from stripe_invoice_line_item
    left join stripe_plan
        on stripe_plan.id = stripe_invoice_line_item.plan_id
    left join stripe_price
        on stripe_price.id = stripe_invoice_line_item.plan_id
    group by stripe_invoice_line_item.subscription_id
),

-- why: the export's discounts carry the amount taken off an invoice, not the coupon's percentage; as a share of
-- the list amount (unit price x quantity) it is the contract's discount_pct
discounts as (
    select
        subscription_id,
        max(try_cast(amount as decimal(38, 4))) as discount_minor
    from stripe_discount
    where subscription_id is not null
    group by subscription_id
)

select
    stripe_subscription_history.id as subscription_id,
    stripe_subscription_history.customer_id as account_id,
    prices.plan,
    stripe_subscription_history.quantity,
    cast(try_cast(prices.unit_amount_minor as decimal(18, 2)) / 100 as varchar) as amount,
    prices.currency,
    -- the share of the list amount one invoice's discount takes off, in percent
    cast(round(100 * discounts.discount_minor
        / nullif(try_cast(prices.unit_amount_minor as decimal(38, 4)) * try_cast(stripe_subscription_history.quantity as decimal(38, 4)), 0), 4) as varchar) as discount_pct,
    cast(try_cast(prices.interval_count as integer)
        * case prices.billing_interval when 'year' then 12 when 'month' then 1 end as varchar) as billing_period_months,
    cast(try_cast(stripe_subscription_history.start_date as timestamp) as date) as start_date,
    cast(try_cast(coalesce(nullif(stripe_subscription_history.ended_at, ''), nullif(stripe_subscription_history.cancel_at, '')) as timestamp) as date) as end_date,
    case stripe_subscription_history.status
        when 'trialing' then 'trial'
        when 'active' then 'active'
        when 'past_due' then 'active'
        when 'paused' then 'paused'
        when 'canceled' then 'canceled'
        when 'unpaid' then 'canceled'
    end as status,
    stripe_subscription_history._fivetran_synced as updated_at,
    stripe_subscription_history._line_number
from stripe_subscription_history
left join prices
    on prices.subscription_id = stripe_subscription_history.id
left join discounts
    on discounts.subscription_id = stripe_subscription_history.id
