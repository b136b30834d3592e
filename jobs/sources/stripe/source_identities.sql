-- stripe_customer -> source_identities: each customer, with the CRM account id its metadata declares
-- (metadata.salesforce_account_id, set by the Salesforce-Stripe connector or by hand) and its e-mail's domain only:
-- the address itself is never landed here.
select
    'stripe' as system,
    id as source_id,
    'customer' as kind,
    name,
    nullif(lower(trim(regexp_extract(email, '@([^@]+)$', 1))), '') as domains,
    'salesforce' as external_system,
    nullif(regexp_extract(metadata, '"salesforce_account_id"\s*:\s*"([^"]*)"', 1), '') as external_id,
    _fivetran_synced as updated_at,
    _line_number
from stripe_customer
