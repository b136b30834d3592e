-- ravenstack_support_tickets -> tickets: the first response is submitted_at plus first_response_time_minutes;
-- a closed ticket is solved. satisfaction_score is written as 4.0.
select
    ticket_id,
    account_id,
    submitted_at as created_at,
    cast(try_cast(submitted_at as timestamp)
        + to_minutes(try_cast(first_response_time_minutes as bigint)) as varchar) as first_response_at,
    closed_at as solved_at,
    case when nullif(trim(closed_at), '') is null then 'open' else 'solved' end as status,
    lower(priority) as priority,
    cast(null as varchar) as channel,
    coalesce(cast(cast(try_cast(satisfaction_score as decimal(9, 2)) as integer) as varchar), satisfaction_score)
        as csat_score,
    _line_number
from ravenstack_support_tickets
