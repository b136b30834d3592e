-- sf_opportunity -> deals: the current version of each opportunity (updated_at = when it was synced).
-- Salesforce's picklist type maps onto deal_type; an unrecognised type is left empty rather than guessed. The owner
-- is named from sf_user; the currency is currency_iso_code in a multi-currency org, else USD.
select
    sf_opportunity.id as deal_id,
    sf_opportunity.account_id,
    sf_opportunity.name as deal_name,
    case lower(sf_opportunity.type)
        when 'new business' then 'new_business'
        when 'new customer' then 'new_business'
        when 'renewal' then 'renewal'
        when 'existing business' then 'expansion'
        when 'upsell' then 'expansion'
        when 'expansion' then 'expansion'
    end as deal_type,
    sf_opportunity.stage_name as stage,
    sf_opportunity.amount,
    coalesce(nullif(sf_opportunity.currency_iso_code, ''), 'USD') as currency,
    sf_opportunity.created_date as created_at,
    case when lower(sf_opportunity.is_closed) = 'true' then sf_opportunity.close_date end as closed_at,
    sf_opportunity.is_won,
    coalesce(owners.name, sf_opportunity.owner_id) as owner,
    sf_opportunity.lead_source,
    sf_opportunity._fivetran_synced as updated_at,
    sf_opportunity._line_number
from sf_opportunity
left join (select id, min(name) as name from sf_user group by id) as owners
    on owners.id = sf_opportunity.owner_id
