/* model: mart_account_health
   grain: one row per paying account per month (account_id, month_start)
   depends_on: fct_mrr_month, mart_support_account_month, fct_handoff, fct_survey_response, dim_month
   incremental_by: account_id
*/
with

mrr_months as (
    select * from fct_mrr_month
),

support as (
    select * from mart_support_account_month
),

handoffs as (
    select * from fct_handoff
),

responses as (
    select * from fct_survey_response
),

months as (
    select * from dim_month
),

active as (
    select * from mrr_months where mrr_months.mrr > 0
),

-- trailing three months (this month and the two before it) as a window over month numbers, not a range join:
-- every account has a support row (mart_support_account_month) for each month from its first activity on, so RANGE
-- covers the same months
support_3m as (
    select
        account_id,
        month_start,
        month_key,
        coalesce(sum(tickets_opened) over (partition by account_id order by month_key range between 2 preceding and current row), 0) as tickets_3m,
        coalesce(sum(csat_responses) over (partition by account_id order by month_key range between 2 preceding and current row), 0) as csat_responses_3m,
        sum(csat_avg * csat_responses) over (partition by account_id order by month_key range between 2 preceding and current row) as csat_points_3m
    from support
),

-- the hand-off in force: the latest one of the account up to that month; each hand-off is in force from its month
-- until the month of the next one (ordered as "latest" orders them), so a month matches at most one hand-off
handoff_periods as (
    select
        account_id,
        completeness_score,
        handoff_month as in_force_from,
        lead(handoff_month) over (partition by account_id order by handed_off_at, deal_id) as in_force_until
    from handoffs
),

-- the latest NPS response of the account in the month and the five before it (ordered by time, then id): the latest
-- one up to the month, in force as a hand-off is, if it is from those six months. A month is read from its time, so
-- the order by time is also the order by month; responses of months outside dim_month are never the latest
nps_periods as (
    select
        responses.account_id,
        responses.score,
        responses.nps_category,
        response_months.month_key as responded_month_key,
        responses.responded_month as in_force_from,
        lead(responses.responded_month) over (
            partition by responses.account_id
            order by responses.responded_at, responses.response_id
        ) as in_force_until
    from responses
    inner join months as response_months
        on response_months.month_start = responses.responded_month
    where responses.survey = 'nps'
),

inputs as (
    select
        active.account_id,
        active.month_start,
        active.mrr,
        earlier.mrr as mrr_3_months_before,
        cast(active.mrr as double) / nullif(earlier.mrr, 0) as mrr_trend_ratio,
        coalesce(support_3m.tickets_3m, 0) as tickets_3m,
        cast(support_3m.csat_points_3m as double) / nullif(support_3m.csat_responses_3m, 0) as csat_avg_3m,
        handoff_periods.completeness_score as handoff_completeness,
        nps_periods.score as nps_score,
        nps_periods.nps_category
    from active
    left join mrr_months as earlier
        on earlier.account_id = active.account_id
        and earlier.month_key = active.month_key - 3
    left join support_3m
        on support_3m.account_id = active.account_id
        and support_3m.month_start = active.month_start
    left join handoff_periods
        on handoff_periods.account_id = active.account_id
        and handoff_periods.in_force_from <= active.month_start
        and (handoff_periods.in_force_until is null or handoff_periods.in_force_until > active.month_start)
    left join nps_periods
        on nps_periods.account_id = active.account_id
        and nps_periods.in_force_from <= active.month_start
        and (nps_periods.in_force_until is null or nps_periods.in_force_until > active.month_start)
        and nps_periods.responded_month_key >= active.month_key - 5
),

-- why: five components of 0 to 20 points each, simple enough to explain to a rep (docs/reporting.md); a missing
-- CSAT or NPS is neutral (half the points), so an account nobody asked is neither rewarded nor punished
scored as (
    select
        inputs.*,
        case
            when mrr_trend_ratio is null or mrr_trend_ratio >= 1 then 20.0
            when mrr_trend_ratio >= 0.9 then 12.0
            else 0.0
        end as mrr_trend_points,
        case
            when tickets_3m <= 2 then 20.0
            when tickets_3m <= 5 then 12.0
            else 0.0
        end as support_load_points,
        case
            when csat_avg_3m is null then 10.0
            else 20.0 * (csat_avg_3m - 1) / 4
        end as csat_points,
        20.0 * coalesce(handoff_completeness, 0) as handoff_points,
        case
            when nps_category = 'promoter' then 20.0
            when nps_category = 'detractor' then 0.0
            else 10.0
        end as nps_points
    from inputs
),

totals as (
    select
        scored.*,
        mrr_trend_points + support_load_points + csat_points + handoff_points + nps_points as total_points
    from scored
)

select
    account_id,
    month_start,
    cast(mrr as decimal(18, 6)) as mrr,
    cast(mrr_3_months_before as decimal(18, 6)) as mrr_3_months_before,
    cast(mrr_trend_ratio as double) as mrr_trend_ratio,
    cast(tickets_3m as bigint) as tickets_last_3_months,
    cast(csat_avg_3m as double) as csat_avg_last_3_months,
    cast(handoff_completeness as double) as handoff_completeness,
    cast(nps_score as integer) as nps_score_last_6_months,
    cast(mrr_trend_points as double) as mrr_trend_points,
    cast(support_load_points as double) as support_load_points,
    cast(csat_points as double) as csat_points,
    cast(handoff_points as double) as handoff_points,
    cast(nps_points as double) as nps_points,
    cast(total_points as double) as health_score,
    cast(
        case
            when total_points >= 75 then 'green'
            when total_points >= 50 then 'amber'
            else 'red'
        end as string
    ) as health_band
from totals
