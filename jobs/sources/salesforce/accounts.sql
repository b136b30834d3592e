-- sf_account -> accounts: account_source is the acquisition channel, the owner the sales owner.
select
    id as account_id,
    name as account_name,
    type as segment,
    industry,
    coalesce(nullif(billing_country_code, ''), billing_country) as country,
    account_source as acquisition_channel,
    owner_id as sales_owner,
    _fivetran_synced as updated_at,
    _line_number
from sf_account
