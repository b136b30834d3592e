/* model: mart_handoff_quality
   grain: one row per won deal, with its hand-off when there is one (deal_id)
   depends_on: fct_deal, fct_handoff
*/
with

deals as (
    select * from fct_deal
),

handoffs as (
    select * from fct_handoff
),

won_deals as (
    select * from deals where deals.is_won
)

select
    won_deals.deal_id,
    won_deals.account_id,
    won_deals.deal_type,
    won_deals.owner as sales_owner,
    handoffs.csm_owner,
    won_deals.closed_at,
    won_deals.closed_month,
    handoffs.handed_off_at,
    handoffs.handoff_month,
    handoffs.deal_id is not null as has_handoff,
    coalesce(handoffs.has_customer_profile, false) as has_customer_profile,
    coalesce(handoffs.has_contract_terms, false) as has_contract_terms,
    coalesce(handoffs.has_background_problem, false) as has_background_problem,
    coalesce(handoffs.has_success_definition, false) as has_success_definition,
    coalesce(handoffs.has_valued_points, false) as has_valued_points,
    coalesce(handoffs.has_concerns, false) as has_concerns,
    coalesce(handoffs.has_promises, false) as has_promises,
    coalesce(handoffs.has_key_people, false) as has_key_people,
    coalesce(handoffs.has_communication_log, false) as has_communication_log,
    coalesce(handoffs.has_notes_for_cs, false) as has_notes_for_cs,
    cast(coalesce(handoffs.items_filled, 0) as integer) as items_filled,
    -- why: a won deal with no hand-off at all is the worst hand-off, not a missing value
    cast(coalesce(handoffs.completeness_score, 0) as double) as completeness_score,
    cast(
        case
            when handoffs.deal_id is null then 'none'
            when handoffs.completeness_score >= 0.8 then 'high'
            when handoffs.completeness_score >= 0.5 then 'medium'
            else 'low'
        end as string
    ) as completeness_band,
    cast(handoffs.days_from_close as double) as days_from_close_to_handoff,
    cast(won_deals.amount_reporting as decimal(18, 2)) as amount_reporting
from won_deals
left join handoffs
    on handoffs.deal_id = won_deals.deal_id
