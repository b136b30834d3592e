/* model: mart_handoff_quality_owner_month
   grain: one row per sales owner per month the deals were won, plus sales_owner 'all' for the month (sales_owner, closed_month)
   depends_on: mart_handoff_quality
*/
with

won_deals as (
    select * from mart_handoff_quality
),

-- why: one row set per owner and one for everyone, so the monthly total is never re-derived by a dashboard
both_levels as (
    select won_deals.*, coalesce(won_deals.sales_owner, 'unknown') as reporting_owner from won_deals
    union all
    select won_deals.*, 'all' as reporting_owner from won_deals
)

select
    reporting_owner as sales_owner,
    closed_month,
    cast(count(*) as bigint) as won_deals,
    cast(sum(case when has_handoff then 1 else 0 end) as bigint) as handed_off_deals,
    cast(sum(case when items_filled = 10 then 1 else 0 end) as bigint) as complete_handoffs,
    -- why: a sum of doubles depends on the order the threads add them in; summed as exact decimals (scores are tenths,
    -- days whole), then divided once, identical inputs give identical bytes
    cast(sum(cast(completeness_score as decimal(18, 6))) as double)
        / nullif(count(completeness_score), 0) as avg_completeness_score,
    cast(sum(cast(days_from_close_to_handoff as decimal(18, 6))) as double)
        / nullif(count(days_from_close_to_handoff), 0) as avg_days_from_close_to_handoff,
    cast(avg(case when has_customer_profile then 1 else 0 end) as double) as share_customer_profile,
    cast(avg(case when has_contract_terms then 1 else 0 end) as double) as share_contract_terms,
    cast(avg(case when has_background_problem then 1 else 0 end) as double) as share_background_problem,
    cast(avg(case when has_success_definition then 1 else 0 end) as double) as share_success_definition,
    cast(avg(case when has_valued_points then 1 else 0 end) as double) as share_valued_points,
    cast(avg(case when has_concerns then 1 else 0 end) as double) as share_concerns,
    cast(avg(case when has_promises then 1 else 0 end) as double) as share_promises,
    cast(avg(case when has_key_people then 1 else 0 end) as double) as share_key_people,
    cast(avg(case when has_communication_log then 1 else 0 end) as double) as share_communication_log,
    cast(avg(case when has_notes_for_cs then 1 else 0 end) as double) as share_notes_for_cs
from both_levels
group by reporting_owner, closed_month
