/* model: stg_survey_responses
   grain: one row per survey response (response_id)
   depends_on: landed_survey_responses
   incremental_by: response_id
*/
with

landed as (
    select * from landed_survey_responses
),

-- why: a response delivered again (a re-sent export, a corrected score) must count once; the newest version wins
versions as (
    select
        landed.*,
        row_number() over (
            partition by landed.response_id
            order by landed.updated_at desc nulls last, landed._source_file desc, landed._line_number desc
        ) as version_rank
    from landed
)

select
    response_id,
    account_id,
    respondent_email_hash,
    survey,
    score,
    responded_at,
    updated_at
from versions
where version_rank = 1
