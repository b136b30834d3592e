-- hubspot_deal -> deals: the company is the first associated one; the stage is its pipeline label (the raw
-- stage id when the pipeline export lacks it); closed_won of the stage says whether the deal was won.
with

companies as (
    select deal_id, min(company_id) as company_id
    from hubspot_deal_company
    group by deal_id
)

select
    hubspot_deal.deal_id,
    companies.company_id as account_id,
    hubspot_deal.property_dealname as deal_name,
    coalesce(stages.label, nullif(hubspot_deal.deal_pipeline_stage_id, '')) as stage,
    hubspot_deal.property_amount as amount,
    'USD' as currency,
    hubspot_deal.property_createdate as created_at,
    case when lower(stages.is_closed) = 'true' then hubspot_deal.property_closedate end as closed_at,
    lower(stages.closed_won) as is_won,
    hubspot_deal.owner_id as owner,
    _line_number
from hubspot_deal
left join companies
    on companies.deal_id = hubspot_deal.deal_id
left join (select stage_id, min(label) as label, min(is_closed) as is_closed, min(closed_won) as closed_won
           from hubspot_pipeline_stage group by stage_id) as stages
    on stages.stage_id = hubspot_deal.deal_pipeline_stage_id
