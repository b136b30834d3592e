/* model: stg_handoffs
   grain: one row per hand-off of a won deal (deal_id)
   depends_on: landed_handoffs
   incremental_by: account_id
*/
with

landed as (
    select * from landed_handoffs
),

-- why: a row delivered again (a re-sent file, a correction) must count once; the newest version wins
versions as (
    select
        landed.*,
        row_number() over (
            partition by landed.deal_id
            order by landed.handed_off_at desc, landed._source_file desc, landed._line_number desc
        ) as version_rank
    from landed
)

select
    deal_id,
    account_id,
    handed_off_at,
    sales_owner,
    csm_owner,
    customer_profile,
    contract_terms,
    background_problem,
    success_definition,
    valued_points,
    concerns,
    promises,
    key_people,
    communication_log,
    notes_for_cs
from versions
where version_rank = 1
