-- sf_account -> source_identities: each account is a CRM account, the system of record's own id (docs/identity.md);
-- its website is the domain other systems' records are matched on.
select
    'salesforce' as system,
    id as source_id,
    'account' as kind,
    name,
    website as domains,
    cast(null as varchar) as external_system,
    cast(null as varchar) as external_id,
    _fivetran_synced as updated_at,
    _line_number
from sf_account
