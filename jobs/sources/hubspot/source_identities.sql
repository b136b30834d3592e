-- hubspot_company -> source_identities: each company is a CRM account, the system of record's own id
-- (docs/identity.md); its domain and website, where the export has them, are what other systems are matched on.
select
    'hubspot' as system,
    id as source_id,
    'account' as kind,
    property_name as name,
    concat_ws(' ', nullif(property_domain, ''), nullif(property_website, '')) as domains,
    cast(null as varchar) as external_system,
    cast(null as varchar) as external_id,
    _fivetran_synced as updated_at,
    _line_number
from hubspot_company
