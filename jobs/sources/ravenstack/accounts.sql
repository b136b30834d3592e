-- ravenstack_accounts -> accounts: one row per account; referral_source is the acquisition channel.
select
    account_id,
    account_name,
    cast(null as varchar) as segment,
    industry,
    country,
    lower(referral_source) as acquisition_channel,
    signup_date as created_at,
    _line_number
from ravenstack_accounts
