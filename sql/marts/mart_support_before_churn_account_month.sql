/* model: mart_support_before_churn_account_month
   grain: one row per month a paying account churned or stayed paying, with its support in the 3 months before (account_id, month_start)
   depends_on: fct_mrr_movement, mart_support_account_month
   incremental_by: account_id
*/
with

movements as (
    select * from fct_mrr_movement
),

support as (
    select * from mart_support_account_month
),

-- why: every month an account starts paying is an observation: it either churns that month or stays paying;
-- a pause is neither and is left out
outcomes as (
    select
        account_id,
        month_start,
        month_key,
        case when movement_type = 'churn' then 'churned' else 'retained' end as outcome
    from movements
    where opening_mrr > 0
        and (movement_type = 'churn' or closing_mrr > 0)
),

-- the support an account had in the 3 months before each month, as a window over month numbers rather than a range
-- join: every account has a support row (mart_support_account_month) for each month from its first activity on, so
-- RANGE covers the same months
support_before as (
    select
        account_id,
        month_start,
        coalesce(sum(tickets_opened) over (partition by account_id order by month_key range between 3 preceding and 1 preceding), 0) as tickets_opened,
        coalesce(sum(escalations) over (partition by account_id order by month_key range between 3 preceding and 1 preceding), 0) as escalations,
        coalesce(sum(csat_responses) over (partition by account_id order by month_key range between 3 preceding and 1 preceding), 0) as csat_responses,
        sum(csat_avg * csat_responses) over (partition by account_id order by month_key range between 3 preceding and 1 preceding) as csat_points
    from support
)

select
    outcomes.account_id,
    outcomes.month_start,
    outcomes.outcome,
    cast(coalesce(support_before.tickets_opened, 0) as bigint) as tickets_opened_3m,
    cast(coalesce(support_before.escalations, 0) as bigint) as escalations_3m,
    cast(coalesce(support_before.csat_responses, 0) as bigint) as csat_responses_3m,
    cast(support_before.csat_points as double) as csat_points_3m
from outcomes
left join support_before
    on support_before.account_id = outcomes.account_id
    and support_before.month_start = outcomes.month_start
