/* model: fct_handoff
   grain: one row per Sales-to-CS hand-off of a won deal (deal_id)
   depends_on: stg_handoffs, fct_deal, run_context
*/
with

handoffs as (
    select * from stg_handoffs
),

deals as (
    select * from fct_deal
),

run as (
    select * from run_context
),

-- why: an item counts as handed over only when it has text; blank means the CSM never got it
items as (
    select
        handoffs.*,
        case when customer_profile is null then 0 else 1 end as has_customer_profile,
        case when contract_terms is null then 0 else 1 end as has_contract_terms,
        case when background_problem is null then 0 else 1 end as has_background_problem,
        case when success_definition is null then 0 else 1 end as has_success_definition,
        case when valued_points is null then 0 else 1 end as has_valued_points,
        case when concerns is null then 0 else 1 end as has_concerns,
        case when promises is null then 0 else 1 end as has_promises,
        case when key_people is null then 0 else 1 end as has_key_people,
        case when communication_log is null then 0 else 1 end as has_communication_log,
        case when notes_for_cs is null then 0 else 1 end as has_notes_for_cs
    from handoffs
)

select
    items.deal_id,
    items.account_id,
    items.handed_off_at,
    -- months are calendar months in the reporting time zone: 23:30 local on the last day is that month
    cast(date_trunc('month', from_utc_timestamp(items.handed_off_at, run.reporting_time_zone)) as date) as handoff_month,
    items.sales_owner,
    items.csm_owner,
    deals.closed_at,
    cast(unix_seconds(items.handed_off_at) - unix_seconds(deals.closed_at) as double) / 86400 as days_from_close,
    items.has_customer_profile = 1 as has_customer_profile,
    items.has_contract_terms = 1 as has_contract_terms,
    items.has_background_problem = 1 as has_background_problem,
    items.has_success_definition = 1 as has_success_definition,
    items.has_valued_points = 1 as has_valued_points,
    items.has_concerns = 1 as has_concerns,
    items.has_promises = 1 as has_promises,
    items.has_key_people = 1 as has_key_people,
    items.has_communication_log = 1 as has_communication_log,
    items.has_notes_for_cs = 1 as has_notes_for_cs,
    cast(
        items.has_customer_profile + items.has_contract_terms + items.has_background_problem
        + items.has_success_definition + items.has_valued_points + items.has_concerns + items.has_promises
        + items.has_key_people + items.has_communication_log + items.has_notes_for_cs
        as integer
    ) as items_filled,
    cast(
        items.has_customer_profile + items.has_contract_terms + items.has_background_problem
        + items.has_success_definition + items.has_valued_points + items.has_concerns + items.has_promises
        + items.has_key_people + items.has_communication_log + items.has_notes_for_cs
        as double
    ) / 10 as completeness_score
from items
cross join run
left join deals
    on deals.deal_id = items.deal_id
