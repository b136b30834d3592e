-- stripe_customer -> accounts
select
    id as account_id,
    name as account_name,
    address_country as country,
    created as created_at,
    _fivetran_synced as updated_at,
    _line_number
from stripe_customer
