/* model: mart_nps_monthly
   grain: one row per month per customer segment per CSM, plus 'all' for either or both, for every month with an NPS response in it or in the two months before (month_start, segment, csm_owner)
   depends_on: fct_survey_response, dim_account, dim_month, run_context
*/
with

responses as (
    select * from fct_survey_response
),

accounts as (
    select * from dim_account
),

months as (
    select * from dim_month
),

run as (
    select * from run_context
),

-- segment and CSM are the account's current ones (dim_account keeps no history)
nps_responses as (
    select
        responses.response_id,
        responses.account_id,
        responses.nps_category,
        months.month_start,
        months.month_key,
        coalesce(accounts.segment, 'unknown') as segment,
        coalesce(accounts.csm_owner, 'unassigned') as csm_owner
    from responses
    inner join months
        on months.month_start = responses.responded_month
    left join accounts
        on accounts.account_id = responses.account_id
    where responses.survey = 'nps'
),

-- why: one row set per level (segment x CSM, segment, CSM, everyone), so no total is ever re-derived by a dashboard
all_levels as (
    select nps_responses.*, segment as reporting_segment, csm_owner as reporting_csm from nps_responses
    union all
    select nps_responses.*, segment as reporting_segment, 'all' as reporting_csm from nps_responses
    union all
    select nps_responses.*, 'all' as reporting_segment, csm_owner as reporting_csm from nps_responses
    union all
    select nps_responses.*, 'all' as reporting_segment, 'all' as reporting_csm from nps_responses
),

monthly as (
    select
        reporting_segment,
        reporting_csm,
        month_start,
        month_key,
        count(*) as responses,
        count(distinct account_id) as responding_accounts,
        sum(case when nps_category = 'promoter' then 1 else 0 end) as promoters,
        sum(case when nps_category = 'passive' then 1 else 0 end) as passives,
        sum(case when nps_category = 'detractor' then 1 else 0 end) as detractors
    from all_levels
    group by reporting_segment, reporting_csm, month_start, month_key
),

-- a group's rows: each month with responses and the two after it, so the trailing NPS runs on through quiet months
group_months as (
    select distinct
        monthly.reporting_segment,
        monthly.reporting_csm,
        months.month_start,
        months.month_key,
        months.month_end
    from monthly
    inner join months
        on months.month_key >= monthly.month_key
        and months.month_key <= monthly.month_key + 2
),

trailing_window as (
    select
        group_months.reporting_segment,
        group_months.reporting_csm,
        group_months.month_start,
        sum(monthly.responses) as responses,
        sum(monthly.promoters) as promoters,
        sum(monthly.detractors) as detractors
    from group_months
    inner join monthly
        on monthly.reporting_segment = group_months.reporting_segment
        and monthly.reporting_csm = group_months.reporting_csm
        and monthly.month_key >= group_months.month_key - 2
        and monthly.month_key <= group_months.month_key
    group by group_months.reporting_segment, group_months.reporting_csm, group_months.month_start
)

select
    group_months.month_start,
    group_months.reporting_segment as segment,
    group_months.reporting_csm as csm_owner,
    cast(coalesce(monthly.responses, 0) as bigint) as responses,
    cast(coalesce(monthly.responding_accounts, 0) as bigint) as responding_accounts,
    cast(coalesce(monthly.promoters, 0) as bigint) as promoters,
    cast(coalesce(monthly.passives, 0) as bigint) as passives,
    cast(coalesce(monthly.detractors, 0) as bigint) as detractors,
    -- NPS on the -100..100 scale: percent promoters less percent detractors; null in a month without responses
    cast(100 * (monthly.promoters - monthly.detractors) as double) / nullif(monthly.responses, 0) as nps,
    cast(trailing_window.responses as bigint) as trailing_3m_responses,
    cast(100 * (trailing_window.promoters - trailing_window.detractors) as double) / nullif(trailing_window.responses, 0) as trailing_3m_nps,
    -- the run month's responses are those up to the run date
    group_months.month_end > run.run_date as is_partial_month
from group_months
inner join trailing_window
    on trailing_window.reporting_segment = group_months.reporting_segment
    and trailing_window.reporting_csm = group_months.reporting_csm
    and trailing_window.month_start = group_months.month_start
left join monthly
    on monthly.reporting_segment = group_months.reporting_segment
    and monthly.reporting_csm = group_months.reporting_csm
    and monthly.month_start = group_months.month_start
cross join run
