/* model: stg_accounts
   grain: one row per account (account_id)
   depends_on: landed_accounts
   incremental_by: account_id
*/
with

landed as (
    select * from landed_accounts
),

-- why: a row delivered again (a re-sent file, a correction) must count once; the newest version wins
versions as (
    select
        landed.*,
        row_number() over (
            partition by landed.account_id
            order by landed.updated_at desc nulls last, landed._source_file desc, landed._line_number desc
        ) as version_rank
    from landed
)

select
    account_id,
    account_name,
    coalesce(lower(segment), 'unknown') as segment,
    industry,
    country,
    coalesce(lower(acquisition_channel), 'unknown') as acquisition_channel,
    sales_owner,
    csm_owner,
    created_at,
    updated_at
from versions
where version_rank = 1
