/* model: stg_deals
   grain: one row per deal (deal_id)
   depends_on: landed_deals
   incremental_by: deal_id
*/
with

landed as (
    select * from landed_deals
),

-- why: a row delivered again (a re-sent file, a correction) must count once; the newest version wins
versions as (
    select
        landed.*,
        row_number() over (
            partition by landed.deal_id
            order by landed.updated_at desc nulls last, landed._source_file desc, landed._line_number desc
        ) as version_rank
    from landed
)

select
    deal_id,
    account_id,
    deal_name,
    coalesce(deal_type, 'new_business') as deal_type,
    stage,
    amount,
    currency,
    created_at,
    closed_at,
    coalesce(is_won, false) as is_won,
    owner,
    lead_source,
    referred_by_account_id,
    updated_at
from versions
where version_rank = 1
