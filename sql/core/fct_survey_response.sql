/* model: fct_survey_response
   grain: one row per survey response (response_id)
   depends_on: stg_survey_responses, run_context
   incremental_by: response_id
*/
with

responses as (
    select * from stg_survey_responses
),

run as (
    select * from run_context
)

select
    response_id,
    account_id,
    respondent_email_hash,
    survey,
    score,
    responded_at,
    -- months are calendar months in the reporting time zone, as for tickets and deals
    cast(date_trunc('month', from_utc_timestamp(responded_at, run.reporting_time_zone)) as date) as responded_month,
    -- NPS categories (Bain): promoters 9-10, passives 7-8, detractors 0-6; other surveys have none
    case
        when survey <> 'nps' then null
        when score >= 9 then 'promoter'
        when score >= 7 then 'passive'
        else 'detractor'
    end as nps_category
from responses
cross join run
