-- zendesk_ticket -> tickets
with

solved as (
    select ticket_id, min(updated) as solved_at
    from zendesk_ticket_field_history
    where field_name = 'status' and value = 'solved'
    group by ticket_id
),

-- why: Zendesk has no first-response column; the first public comment by anyone but the requester is it
first_responses as (
    select zendesk_ticket_comment.ticket_id, min(zendesk_ticket_comment.created) as first_response_at
    from zendesk_ticket_comment
    inner join zendesk_ticket
        on zendesk_ticket.id = zendesk_ticket_comment.ticket_id
    where lower(zendesk_ticket_comment.public) = 'true'
        and zendesk_ticket_comment.user_id <> zendesk_ticket.requester_id
    group by zendesk_ticket_comment.ticket_id
)

select
    zendesk_ticket.id as ticket_id,
    zendesk_ticket.organization_id as account_id,
    zendesk_ticket.created_at,
    first_responses.first_response_at,
    solved.solved_at,
    zendesk_ticket.status,
    zendesk_ticket.priority,
    zendesk_ticket.via_channel as channel,
    zendesk_ticket.custom_csat_score as csat_score,
    requesters.email as requester_email,
    zendesk_ticket.updated_at,
    zendesk_ticket._line_number
from zendesk_ticket
left join solved
    on solved.ticket_id = zendesk_ticket.id
left join first_responses
    on first_responses.ticket_id = zendesk_ticket.id
left join (select id, min(email) as email from zendesk_user group by id) as requesters
    on requesters.id = zendesk_ticket.requester_id
