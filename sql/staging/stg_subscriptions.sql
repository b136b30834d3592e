/* model: stg_subscriptions
   grain: one row per subscription period of constant terms (subscription_id)
   depends_on: landed_subscriptions, identity_map
   incremental_by: subscription_id
*/
with

landed as (
    select * from landed_subscriptions
),

links as (
    select * from identity_map
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
    versions.subscription_id,
    coalesce(links.account_id, versions.account_id) as account_id,
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
-- why: identity_map (kind: identities) names the canonical account of each source's account id; without a link
-- (a job without that step) the row keeps its own
left join links
    on links.source_id = versions.account_id
where versions.version_rank = 1
