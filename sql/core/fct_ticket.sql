/* model: fct_ticket
   grain: one row per support ticket (ticket_id)
   depends_on: stg_tickets, run_context
   incremental_by: ticket_id
*/
with

tickets as (
    select * from stg_tickets
),

run as (
    select * from run_context
)

select
    ticket_id,
    account_id,
    created_at,
    first_response_at,
    solved_at,
    -- months are calendar months in the reporting time zone: 23:30 local on the last day is that month
    cast(date_trunc('month', from_utc_timestamp(created_at, run.reporting_time_zone)) as date) as created_month,
    cast(date_trunc('month', from_utc_timestamp(solved_at, run.reporting_time_zone)) as date) as solved_month,
    status,
    priority,
    channel,
    csat_score,
    cast(unix_seconds(first_response_at) - unix_seconds(created_at) as double) / 3600 as first_response_hours,
    cast(unix_seconds(solved_at) - unix_seconds(created_at) as double) / 3600 as resolution_hours
from tickets
cross join run
