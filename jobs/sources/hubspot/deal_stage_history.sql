-- hubspot_deal_stage -> deals: each stage a deal entered is a version of the deal dated when it entered it;
-- the deal's other values come from hubspot_deal. A stage change of a deal missing from the export keeps
-- only what the change says (and is quarantined for the missing values).
with

companies as (
    select deal_id, min(company_id) as company_id
    from hubspot_deal_company
    group by deal_id
)

select
    hubspot_deal_stage.deal_id,
    companies.company_id as account_id,
    hubspot_deal.property_dealname as deal_name,
    coalesce(stages.label, hubspot_deal_stage.value) as stage,
    hubspot_deal.property_amount as amount,
    'USD' as currency,
    hubspot_deal.property_createdate as created_at,
    hubspot_deal_stage.date_entered as updated_at,
    hubspot_deal_stage._line_number
from hubspot_deal_stage
left join hubspot_deal
    on hubspot_deal.deal_id = hubspot_deal_stage.deal_id
left join companies
    on companies.deal_id = hubspot_deal_stage.deal_id
left join (select stage_id, min(label) as label from hubspot_pipeline_stage group by stage_id) as stages
    on stages.stage_id = hubspot_deal_stage.value
