/* model: stg_tickets
   grain: one row per ticket (ticket_id)
   depends_on: landed_tickets
   incremental_by: ticket_id
*/
with

landed as (
    select * from landed_tickets
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
    ticket_id,
    account_id,
    created_at,
    first_response_at,
    solved_at,
    status,
    priority,
    channel,
    csat_score,
    updated_at
from versions
where version_rank = 1
