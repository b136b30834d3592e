/* model: mart_funnel
   grain: one row per month in which new-business deals were created (created_month)
   depends_on: fct_deal, fct_handoff, funnel_stage_map
*/
with

deals as (
    select * from fct_deal
),

handoffs as (
    select * from fct_handoff
),

stage_map as (
    select * from funnel_stage_map
),

-- why: the contract carries only a deal's current stage, so how far a deal got is read from that stage
-- through the configured map (jobs/nightly.yml); a won deal passed every sales stage; an unmapped stage
-- counts as the first stage and is reported
reached as (
    select
        deals.*,
        stage_map.crm_stage is null as is_unmapped,
        case
            when deals.is_won then 3
            else coalesce(stage_map.funnel_rank, 1)
        end as funnel_rank,
        handoffs.deal_id is not null as is_handed_off,
        handoffs.days_from_close as days_close_to_handoff,
        cast(unix_seconds(deals.closed_at) - unix_seconds(deals.created_at) as double) / 86400 as days_to_close
    from deals
    left join stage_map
        on stage_map.crm_stage = lower(deals.stage)
    left join handoffs
        on handoffs.deal_id = deals.deal_id
    where deals.deal_type = 'new_business'
),

-- why: rank-based medians (ROW_NUMBER and COUNT) stay the same on DuckDB and Spark
won_ranked as (
    select
        created_month,
        days_to_close,
        row_number() over (partition by created_month order by days_to_close, deal_id) as position,
        count(*) over (partition by created_month) as total
    from reached
    where is_won and days_to_close is not null
),

handoff_ranked as (
    select
        created_month,
        days_close_to_handoff,
        row_number() over (partition by created_month order by days_close_to_handoff, deal_id) as position,
        count(*) over (partition by created_month) as total
    from reached
    where is_won and days_close_to_handoff is not null
),

won_medians as (
    select
        created_month,
        avg(case when position in (floor((total + 1) / 2), ceil((total + 1) / 2)) then days_to_close end) as median_days
    from won_ranked
    group by created_month
),

handoff_medians as (
    select
        created_month,
        avg(case when position in (floor((total + 1) / 2), ceil((total + 1) / 2)) then days_close_to_handoff end) as median_days
    from handoff_ranked
    group by created_month
),

cohorts as (
    select
        created_month,
        count(*) as inside_sales_deals,
        sum(case when funnel_rank >= 2 then 1 else 0 end) as field_sales_deals,
        sum(case when is_won then 1 else 0 end) as won_deals,
        sum(case when is_won and is_handed_off then 1 else 0 end) as onboarded_deals,
        sum(case when is_closed and not is_won then 1 else 0 end) as lost_deals,
        sum(case when not is_closed then 1 else 0 end) as open_deals,
        sum(case when is_unmapped then 1 else 0 end) as unmapped_stage_deals,
        sum(case when is_won then amount_reporting else 0 end) as won_amount
    from reached
    group by created_month
)

select
    cohorts.created_month,
    cast(cohorts.inside_sales_deals as bigint) as inside_sales_deals,
    cast(cohorts.field_sales_deals as bigint) as field_sales_deals,
    cast(cohorts.won_deals as bigint) as won_deals,
    cast(cohorts.onboarded_deals as bigint) as onboarded_deals,
    cast(cohorts.lost_deals as bigint) as lost_deals,
    cast(cohorts.open_deals as bigint) as open_deals,
    cast(cohorts.unmapped_stage_deals as bigint) as unmapped_stage_deals,
    cast(cohorts.field_sales_deals as double) / nullif(cohorts.inside_sales_deals, 0) as inside_to_field_rate,
    cast(cohorts.won_deals as double) / nullif(cohorts.field_sales_deals, 0) as field_to_won_rate,
    cast(cohorts.onboarded_deals as double) / nullif(cohorts.won_deals, 0) as won_to_onboarded_rate,
    cast(cohorts.won_deals as double) / nullif(cohorts.won_deals + cohorts.lost_deals, 0) as win_rate,
    cast(cohorts.won_amount as double) / nullif(cohorts.won_deals, 0) as avg_won_deal_size,
    cast(won_medians.median_days as double) as median_days_in_sales,
    cast(handoff_medians.median_days as double) as median_days_won_to_handoff
from cohorts
left join won_medians
    on won_medians.created_month = cohorts.created_month
left join handoff_medians
    on handoff_medians.created_month = cohorts.created_month
