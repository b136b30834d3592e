-- hubspot_company -> accounts
select
    id as account_id,
    property_name as account_name,
    property_industry as industry,
    property_country as country,
    property_createdate as created_at,
    _fivetran_synced as updated_at,
    _line_number
from hubspot_company
