-- ravenstack_subscriptions -> subscriptions: mrr_amount is the whole subscription's monthly price (seats
-- included), so quantity is 1; annual billing is the arr_amount every 12 months. Trials are status trial.
-- A value that cannot be converted is passed through as written, so the contract quarantines it.
select
    subscription_id,
    account_id,
    lower(plan_tier) as plan,
    '1' as quantity,
    case when lower(billing_frequency) = 'annual' then arr_amount else mrr_amount end as amount,
    'USD' as currency,
    case when lower(billing_frequency) = 'annual' then '12' when lower(billing_frequency) = 'monthly' then '1'
        else billing_frequency end as billing_period_months,
    '0' as discount_pct,
    start_date,
    end_date,
    case when lower(is_trial) = 'true' then 'trial' else 'active' end as status,
    _line_number
from ravenstack_subscriptions
