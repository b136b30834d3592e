/* model: stg_subscriptions
   grain: one row per subscription period of constant terms (subscription_id)
   depends_on: landed_subscriptions
   incremental_by: subscription_id
*/
with

landed as (
    select * from landed_subscriptions
),

-- why: a row delivered again (a re-sent file, a correction) must count once; the newest version wins
versions as (
    select
        landed.*,
        row_number() over (
            partition by landed.subscription_id
            order by landed.updated_at desc nulls last, landed._source_file desc, landed._line_number desc
        ) as version_rank
    from landed
)

select
    subscription_id,
    account_id,
    plan,
    cast(coalesce(quantity, 1) as decimal(18, 4)) as quantity,
    amount,
    currency,
    billing_period_months,
    cast(coalesce(discount_pct, 0) as decimal(7, 4)) as discount_pct,
    start_date,
    end_date,
    coalesce(status, 'active') as status,
    updated_at
from versions
where version_rank = 1
