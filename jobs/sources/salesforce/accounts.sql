-- sf_account -> accounts: account_source is the acquisition channel; the sales owner is the owner's name from
-- sf_user (the id when the user is not exported), the CSM the custom field CSM_Owner__c where the org has one.
select
    sf_account.id as account_id,
    sf_account.name as account_name,
    sf_account.type as segment,
    sf_account.industry,
    coalesce(nullif(sf_account.billing_country_code, ''), sf_account.billing_country) as country,
    sf_account.account_source as acquisition_channel,
    coalesce(owners.name, sf_account.owner_id) as sales_owner,
    sf_account.csm_owner_c as csm_owner,
    sf_account.created_date as created_at,
    sf_account._fivetran_synced as updated_at,
    sf_account._line_number
from sf_account
left join (select id, min(name) as name from sf_user group by id) as owners
    on owners.id = sf_account.owner_id
