-- sf_opportunity_history -> deals: every recorded version of an opportunity, dated when it became current.
-- Salesforce's picklist type maps onto deal_type; an unrecognised type is left empty rather than guessed. The owner
-- is named from sf_user; the currency is currency_iso_code in a multi-currency org, else USD.
select
    sf_opportunity_history.id as deal_id,
    sf_opportunity_history.account_id,
    sf_opportunity_history.name as deal_name,
    case lower(sf_opportunity_history.type)
        when 'new business' then 'new_business'
        when 'new customer' then 'new_business'
        when 'renewal' then 'renewal'
        when 'existing business' then 'expansion'
        when 'upsell' then 'expansion'
        when 'expansion' then 'expansion'
    end as deal_type,
    sf_opportunity_history.stage_name as stage,
    sf_opportunity_history.amount,
    coalesce(nullif(sf_opportunity_history.currency_iso_code, ''), 'USD') as currency,
    sf_opportunity_history.created_date as created_at,
    case when lower(sf_opportunity_history.is_closed) = 'true' then sf_opportunity_history.close_date end as closed_at,
    sf_opportunity_history.is_won,
    coalesce(owners.name, sf_opportunity_history.owner_id) as owner,
    sf_opportunity_history.lead_source,
    sf_opportunity_history._fivetran_start as updated_at,
    sf_opportunity_history._line_number
from sf_opportunity_history
left join (select id, min(name) as name from sf_user group by id) as owners
    on owners.id = sf_opportunity_history.owner_id
