/* model: fct_mrr_movement
   grain: one row per account per month from its first paid month to the run month (account_id, month_start)
   depends_on: fct_mrr_month, run_context
   incremental_by: account_id
*/
with

mrr_months as (
    select * from fct_mrr_month
),

run as (
    select * from run_context
),

with_previous as (
    select
        current_month.account_id,
        current_month.month_start,
        current_month.month_key,
        current_month.is_first_paid_month,
        current_month.is_paused,
        current_month.mrr,
        current_month.mrr_at_previous_rates,
        coalesce(previous_month.mrr, 0) as previous_mrr,
        coalesce(previous_month.is_paused, false) as was_paused,
        current_month.is_customer,
        coalesce(previous_month.is_customer, false) as was_customer
    from mrr_months as current_month
    left join mrr_months as previous_month
        on previous_month.account_id = current_month.account_id
        and previous_month.month_key = current_month.month_key - 1
),

-- why: the order of these tests is the definition (DESIGN.md): a pause is a contraction, not churn, and
-- coming back from a pause is expansion, not reactivation (unless pause_treatment = churn)
classified as (
    select
        with_previous.*,
        case
            when with_previous.is_first_paid_month then 'new'
            when with_previous.previous_mrr > 0 and with_previous.mrr = 0 and with_previous.is_paused
                and run.pause_treatment = 'contraction' then 'pause'
            when with_previous.previous_mrr > 0 and with_previous.mrr = 0 then 'churn'
            -- a pause that ends with nothing paying after it churns the logo in the first month that is neither
            -- paused nor paying; the pause already took the MRR as contraction, so the churn moves 0 MRR
            when with_previous.previous_mrr = 0 and with_previous.mrr = 0 and with_previous.was_paused
                and not with_previous.is_paused and run.pause_treatment = 'contraction' then 'lapse'
            when with_previous.previous_mrr = 0 and with_previous.mrr > 0 and with_previous.was_paused
                and run.pause_treatment = 'contraction' then 'resume'
            when with_previous.previous_mrr = 0 and with_previous.mrr > 0 then 'reactivation'
            when with_previous.previous_mrr > 0 and with_previous.mrr > 0 then 'continuing'
            else 'inactive'
        end as state_change
    from with_previous
    cross join run
)

select
    account_id,
    month_start,
    month_key,
    cast(previous_mrr as decimal(18, 6)) as opening_mrr,
    cast(case when state_change = 'new' then mrr else 0 end as decimal(18, 6)) as new_mrr,
    cast(
        case
            when state_change = 'resume' then mrr
            when state_change = 'continuing' and mrr_at_previous_rates > previous_mrr then mrr_at_previous_rates - previous_mrr
            else 0
        end as decimal(18, 6)
    ) as expansion_mrr,
    cast(
        case
            when state_change = 'pause' then previous_mrr
            when state_change = 'continuing' and mrr_at_previous_rates < previous_mrr then previous_mrr - mrr_at_previous_rates
            else 0
        end as decimal(18, 6)
    ) as contraction_mrr,
    cast(case when state_change = 'churn' then previous_mrr else 0 end as decimal(18, 6)) as churned_mrr,
    cast(case when state_change = 'reactivation' then mrr else 0 end as decimal(18, 6)) as reactivation_mrr,
    cast(case when state_change = 'continuing' then mrr - mrr_at_previous_rates else 0 end as decimal(18, 6)) as fx_mrr,
    cast(mrr as decimal(18, 6)) as closing_mrr,
    -- constant-currency closing: this month's subscriptions at last month's rates (NRR and GRR use it)
    -- (a paused opening customer counts with 0 opening MRR: its resume is expansion inside NRR, GRR caps it at 0)
    cast(case when was_customer then mrr_at_previous_rates else 0 end as decimal(18, 6)) as closing_mrr_at_opening_rates,
    case
        when state_change = 'new' then 'new'
        when state_change in ('churn', 'lapse') then 'churn'
        when state_change = 'reactivation' then 'reactivation'
        when state_change = 'resume' then 'expansion'
        when state_change = 'pause' then 'contraction'
        when state_change = 'continuing' and mrr_at_previous_rates > previous_mrr then 'expansion'
        when state_change = 'continuing' and mrr_at_previous_rates < previous_mrr then 'contraction'
        when state_change = 'continuing' and mrr <> previous_mrr then 'fx'
        else 'none'
    end as movement_type,
    state_change = 'pause' as is_pause,
    was_customer as is_opening_customer,
    is_customer as is_closing_customer
from classified
