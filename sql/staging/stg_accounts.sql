/* model: stg_accounts
   grain: one row per account (account_id)
   depends_on: landed_accounts, identity_map
   incremental_by: account_id
*/
with

landed as (
    select * from landed_accounts
),

links as (
    select * from identity_map
),

-- why: identity_map (kind: identities) names each source record's canonical account; without a link (a job
-- without that step) a record keeps its own id
canonical as (
    select
        landed.*,
        landed.account_id as source_account_id,
        coalesce(links.account_id, landed.account_id) as canonical_account_id,
        coalesce(links.rule = 'unmatched', false) as is_unmatched
    from landed
    left join links
        on links.source_id = landed.account_id
),

-- why: a row delivered again (a re-sent file, a correction) must count once; the newest version wins, and of the
-- several systems' records of one account the system of record's (whose id is the account's) describes it
versions as (
    select
        canonical.*,
        row_number() over (
            partition by canonical.canonical_account_id
            order by
                case when canonical.source_account_id = canonical.canonical_account_id then 0 else 1 end,
                canonical.updated_at desc nulls last, canonical._source_file desc, canonical._line_number desc
        ) as version_rank
    from canonical
)

select
    canonical_account_id as account_id,
    account_name,
    coalesce(lower(segment), 'unknown') as segment,
    industry,
    country,
    coalesce(lower(acquisition_channel), 'unknown') as acquisition_channel,
    case when is_unmatched then 'unknown' else sales_owner end as sales_owner,
    case when is_unmatched then 'unknown' else csm_owner end as csm_owner,
    created_at,
    updated_at,
    is_unmatched
from versions
where version_rank = 1
