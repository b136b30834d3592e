/* model: fct_ticket
   grain: one row per support ticket (ticket_id)
   depends_on: stg_tickets
*/
with

tickets as (
    select * from stg_tickets
)

select
    ticket_id,
    account_id,
    created_at,
    first_response_at,
    solved_at,
    cast(date_trunc('month', created_at) as date) as created_month,
    cast(date_trunc('month', solved_at) as date) as solved_month,
    status,
    priority,
    channel,
    csat_score,
    cast((unix_seconds(first_response_at) - unix_seconds(created_at)) / 3600.0 as double) as first_response_hours,
    cast((unix_seconds(solved_at) - unix_seconds(created_at)) / 3600.0 as double) as resolution_hours
from tickets
