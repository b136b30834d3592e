-- sf_opportunity_history -> deals: every recorded version of an opportunity, dated when it became current.
-- Salesforce's picklist type maps onto deal_type; an unrecognised type is left empty rather than guessed.
select
    id as deal_id,
    account_id,
    name as deal_name,
    case lower(type)
        when 'new business' then 'new_business'
        when 'new customer' then 'new_business'
        when 'renewal' then 'renewal'
        when 'existing business' then 'expansion'
        when 'upsell' then 'expansion'
        when 'expansion' then 'expansion'
    end as deal_type,
    stage_name as stage,
    amount,
    'USD' as currency,
    created_date as created_at,
    case when lower(is_closed) = 'true' then close_date end as closed_at,
    is_won,
    owner_id as owner,
    lead_source,
    _fivetran_start as updated_at,
    _line_number
from sf_opportunity_history
