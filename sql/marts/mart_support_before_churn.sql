/* model: mart_support_before_churn
   grain: one row per outcome of a paying account-month, churned or retained (outcome)
   depends_on: fct_mrr_movement, mart_support_account_month
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
),

windows as (
    select
        outcomes.outcome,
        outcomes.account_id,
        outcomes.month_start,
        coalesce(support_before.tickets_opened, 0) as tickets_opened,
        coalesce(support_before.escalations, 0) as escalations,
        coalesce(support_before.csat_responses, 0) as csat_responses,
        support_before.csat_points
    from outcomes
    left join support_before
        on support_before.account_id = outcomes.account_id
        and support_before.month_start = outcomes.month_start
)

select
    outcome,
    cast(count(*) as bigint) as account_months,
    cast(count(distinct account_id) as bigint) as accounts,
    cast(sum(tickets_opened) as bigint) as tickets_opened,
    cast(sum(tickets_opened) as double) / nullif(count(*), 0) as avg_tickets_3m,
    cast(sum(escalations) as double) / nullif(count(*), 0) as avg_escalations_3m,
    cast(sum(case when tickets_opened > 0 then 1 else 0 end) as double) / nullif(count(*), 0) as share_with_tickets,
    cast(sum(csat_points) as double) / nullif(sum(csat_responses), 0) as csat_avg,
    cast(sum(csat_responses) as bigint) as csat_responses
from windows
group by outcome
