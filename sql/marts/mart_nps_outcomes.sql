/* model: mart_nps_outcomes
   grain: one row per NPS category (nps_category)
   depends_on: fct_survey_response, fct_mrr_movement, dim_month, run_context
*/
with

responses as (
    select * from fct_survey_response
),

movements as (
    select * from fct_mrr_movement
),

months as (
    select * from dim_month
),

run as (
    select * from run_context
),

-- why: a response counts only once the six months after its month have ended by the run date; a recent response
-- has had no time to be followed by a churn, and counting it would flatter every category alike
observed as (
    select
        responses.response_id,
        responses.account_id,
        responses.nps_category,
        months.month_key
    from responses
    inner join months
        on months.month_start = responses.responded_month
    inner join months as sixth_months
        on sixth_months.month_key = months.month_key + 6
    cross join run
    where responses.survey = 'nps'
        and sixth_months.month_end <= run.run_date
),

-- per response: did the account churn, or expand, in the six months after the response's month
outcomes as (
    select
        observed.response_id,
        observed.account_id,
        observed.nps_category,
        max(case when movements.movement_type = 'churn' then 1 else 0 end) as churned,
        max(case when movements.expansion_mrr > 0 then 1 else 0 end) as expanded
    from observed
    left join movements
        on movements.account_id = observed.account_id
        and movements.month_key >= observed.month_key + 1
        and movements.month_key <= observed.month_key + 6
    group by observed.response_id, observed.account_id, observed.nps_category
)

select
    nps_category,
    cast(count(*) as bigint) as responses,
    cast(count(distinct account_id) as bigint) as accounts,
    cast(sum(churned) as bigint) as churned_responses,
    cast(sum(churned) as double) / nullif(count(*), 0) as churn_rate_6m,
    cast(sum(expanded) as bigint) as expanded_responses,
    cast(sum(expanded) as double) / nullif(count(*), 0) as expansion_rate_6m
from outcomes
group by nps_category
