-- ravenstack_subscriptions -> subscriptions: mrr_amount is the whole subscription's monthly price (seats
-- included), so quantity is 1; annual billing is the arr_amount every 12 months. Trials are status trial.
-- A value that cannot be converted is passed through as written, so the contract quarantines it.
--
-- The export leaves 4,514 of its 5,000 subscriptions open (no end_date), about ten per account, and records
-- churn in ravenstack_churn_events only; read as they stand, an account would pay every subscription it ever
-- started at once. So each row ends on the earliest of:
-- * its own end_date;
-- * supersession: an open row ends when a newer subscription of the same account starts (newer = later
--   start_date, or the same start_date and a greater subscription_id, so ties are decided one way every night).
--   A plan change in this export is a new subscription, not an add-on. Only a paid subscription supersedes a
--   paid one: a trial started while paying is an evaluation of another tier, not a replacement; a trial is
--   superseded by any newer subscription. Rows with an end_date keep it (they are not open);
-- * churn: a churn event ends every subscription of the account that started before its churn_date, on that
--   date, unless the row ended earlier. A subscription starting on or after the churn date is the return (a
--   reactivation in the models) and is not ended by it. A row ended by churn is status canceled, recorded on
--   the churn date (updated_at), so either churn-recognition setting ends it there.
-- A churn_date that is not a date ends nothing (churn events are not a contract entity; nothing to quarantine).
with

subscriptions as (
    select
        *,
        try_cast(start_date as date) as starts,
        try_cast(end_date as date) as ends,
        lower(is_trial) = 'true' as trial
    from ravenstack_subscriptions
),

churn_events as (
    select account_id, try_cast(churn_date as date) as churned_on
    from ravenstack_churn_events
),

superseded as (
    select older.subscription_id, min(newer.starts) as superseded_on
    from subscriptions as older
    inner join subscriptions as newer
        on newer.account_id = older.account_id
        and (newer.starts > older.starts or (newer.starts = older.starts and newer.subscription_id > older.subscription_id))
        and (older.trial or not newer.trial)
    where older.end_date is null
    group by older.subscription_id
),

churned as (
    select subscriptions.subscription_id, min(churn_events.churned_on) as churned_on
    from subscriptions
    inner join churn_events
        on churn_events.account_id = subscriptions.account_id
        and churn_events.churned_on > subscriptions.starts
    group by subscriptions.subscription_id
),

ended as (
    select
        subscriptions.*,
        least(subscriptions.ends, superseded.superseded_on, churned.churned_on) as ends_on,
        churned.churned_on
    from subscriptions
    left join superseded on superseded.subscription_id = subscriptions.subscription_id
    left join churned on churned.subscription_id = subscriptions.subscription_id
)

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
    case when end_date is not null and ends is null then end_date else cast(ends_on as varchar) end as end_date,
    case
        when churned_on is not null and churned_on = ends_on then 'canceled'
        when trial then 'trial'
        else 'active'
    end as status,
    case when churned_on is not null and churned_on = ends_on then cast(churned_on as varchar) || ' 00:00:00+00' end as updated_at,
    _line_number
from ended
