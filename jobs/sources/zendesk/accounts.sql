-- zendesk_organization -> accounts
select
    id as account_id,
    name as account_name,
    created_at,
    updated_at,
    _line_number
from zendesk_organization
