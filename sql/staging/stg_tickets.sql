/* model: stg_tickets
   grain: one row per ticket (ticket_id)
   depends_on: landed_tickets, identity_map
   incremental_by: ticket_id
*/
with

landed as (
    select * from landed_tickets
),

links as (
    select * from identity_map
),

-- why: a row delivered again (a re-sent file, a correction) must count once; the newest version wins
versions as (
    select
        landed.*,
        row_number() over (
            partition by landed.ticket_id
            order by landed.updated_at desc nulls last, landed._source_file desc, landed._line_number desc
        ) as version_rank
    from landed
)

select
    versions.ticket_id,
    coalesce(links.account_id, versions.account_id) as account_id,
    created_at,
    first_response_at,
    solved_at,
    status,
    priority,
    channel,
    csat_score,
    updated_at
from versions
-- why: identity_map (kind: identities) names the canonical account of each source's account id; without a link
-- (a job without that step) the row keeps its own
left join links
    on links.source_id = versions.account_id
where versions.version_rank = 1
