/* model: mart_support_account_month
   grain: one row per account per month from its first paid month or first ticket to the run month (account_id, month_start)
   depends_on: fct_ticket, fct_mrr_month, fct_subscription_period, dim_month, run_context
   incremental_by: account_id
*/
with

tickets as (
    select * from fct_ticket
),

mrr_months as (
    select * from fct_mrr_month
),

subscriptions as (
    select * from fct_subscription_period
),

months as (
    select * from dim_month
),

run as (
    select * from run_context
),

first_months as (
    select account_id, min(month_start) as first_month
    from (
        select account_id, created_month as month_start from tickets
        union all
        select account_id, month_start from mrr_months
    ) as activity
    group by account_id
),

account_months as (
    select
        first_months.account_id,
        months.month_start,
        months.month_end,
        months.month_key,
        -- the run month is valued on the run date, as MRR is
        case when months.month_end > run.run_date then run.run_date else months.month_end end as valued_on
    from first_months
    cross join run
    inner join months
        on months.month_start >= first_months.first_month
),

-- why: medians and p90 are rank-based (ROW_NUMBER and COUNT) because DuckDB's quantile_cont and Spark's
-- percentile_approx disagree; the median averages the middle pair, p90 is the nearest rank ceil(0.9 n)
response_ranked as (
    select
        account_id,
        created_month as month_start,
        first_response_hours as hours,
        row_number() over (partition by account_id, created_month order by first_response_hours, ticket_id) as position,
        count(*) over (partition by account_id, created_month) as total
    from tickets
    where first_response_hours is not null
),

resolution_ranked as (
    select
        account_id,
        solved_month as month_start,
        resolution_hours as hours,
        row_number() over (partition by account_id, solved_month order by resolution_hours, ticket_id) as position,
        count(*) over (partition by account_id, solved_month) as total
    from tickets
    where resolution_hours is not null
),

response_quantiles as (
    select
        account_id,
        month_start,
        avg(case when position in (floor((total + 1) / 2), ceil((total + 1) / 2)) then hours end) as median_hours,
        max(case when position = ceil(9 * total / 10) then hours end) as p90_hours
    from response_ranked
    group by account_id, month_start
),

resolution_quantiles as (
    select
        account_id,
        month_start,
        avg(case when position in (floor((total + 1) / 2), ceil((total + 1) / 2)) then hours end) as median_hours,
        max(case when position = ceil(9 * total / 10) then hours end) as p90_hours
    from resolution_ranked
    group by account_id, month_start
),

opened as (
    select
        account_id,
        created_month as month_start,
        count(*) as tickets_opened,
        -- an escalation: a ticket opened as urgent or high, or one the helpdesk marks reopened
        sum(case when lower(priority) in ('urgent', 'high') or lower(status) = 'reopened' then 1 else 0 end) as escalations
    from tickets
    group by account_id, created_month
),

solved as (
    select
        account_id,
        solved_month as month_start,
        count(*) as tickets_solved,
        sum(case when csat_score is not null then 1 else 0 end) as csat_responses,
        avg(cast(csat_score as double)) as csat_avg
    from tickets
    where solved_month is not null
    group by account_id, solved_month
),

-- a ticket is in the backlog at the end of a month when it was opened by then and not yet solved:
-- tickets opened up to the month less those both opened and solved by then (the later of the two months), as
-- running sums per account instead of joining every ticket to every later month
backlog_changes as (
    select account_id, created_month as month_start, 1 as change
    from tickets
    union all
    select account_id, greatest(created_month, solved_month) as month_start, -1 as change
    from tickets
    where solved_month is not null
),

-- a change before the first month of dim_month counts from that month on
backlog_by_month as (
    select
        backlog_changes.account_id,
        greatest(backlog_changes.month_start, first_calendar_month.month_start) as month_start,
        sum(backlog_changes.change) as change
    from backlog_changes
    cross join (select min(month_start) as month_start from months) as first_calendar_month
    group by backlog_changes.account_id, greatest(backlog_changes.month_start, first_calendar_month.month_start)
),

backlog as (
    select
        account_months.account_id,
        account_months.month_start,
        sum(coalesce(backlog_by_month.change, 0)) over (
            partition by account_months.account_id order by account_months.month_start
            rows between unbounded preceding and current row) as backlog
    from account_months
    left join backlog_by_month
        on backlog_by_month.account_id = account_months.account_id
        and backlog_by_month.month_start = account_months.month_start
),

-- seats = quantity of the paying subscription rows in force on the last day of the month, as MRR counts them:
-- until the effective end (a canceled row without end_date stops on its cancellation date), not the end_date
seats as (
    select
        account_months.account_id,
        account_months.month_start,
        sum(subscriptions.quantity) as seats
    from account_months
    inner join subscriptions
        on subscriptions.account_id = account_months.account_id
        and subscriptions.start_date <= account_months.valued_on
        and (subscriptions.effective_end_date is null or subscriptions.effective_end_date > account_months.valued_on)
        and subscriptions.monthly_amount_local > 0
    group by account_months.account_id, account_months.month_start
)

select
    account_months.account_id,
    account_months.month_start,
    cast(coalesce(opened.tickets_opened, 0) as bigint) as tickets_opened,
    cast(coalesce(solved.tickets_solved, 0) as bigint) as tickets_solved,
    cast(coalesce(backlog.backlog, 0) as bigint) as backlog_at_month_end,
    cast(response_quantiles.median_hours as double) as median_first_response_hours,
    cast(response_quantiles.p90_hours as double) as p90_first_response_hours,
    cast(resolution_quantiles.median_hours as double) as median_resolution_hours,
    cast(resolution_quantiles.p90_hours as double) as p90_resolution_hours,
    cast(solved.csat_avg as double) as csat_avg,
    cast(coalesce(solved.csat_responses, 0) as bigint) as csat_responses,
    cast(coalesce(opened.escalations, 0) as bigint) as escalations,
    cast(seats.seats as decimal(18, 4)) as seats,
    cast(coalesce(mrr_months.mrr, 0) as decimal(18, 6)) as mrr,
    cast(coalesce(opened.tickets_opened, 0) * 100 as double) / nullif(seats.seats, 0) as tickets_per_100_seats,
    cast(coalesce(opened.tickets_opened, 0) * 1000 as double) / nullif(mrr_months.mrr, 0) as tickets_per_1000_mrr,
    account_months.month_key
from account_months
left join opened
    on opened.account_id = account_months.account_id and opened.month_start = account_months.month_start
left join solved
    on solved.account_id = account_months.account_id and solved.month_start = account_months.month_start
left join backlog
    on backlog.account_id = account_months.account_id and backlog.month_start = account_months.month_start
left join response_quantiles
    on response_quantiles.account_id = account_months.account_id
    and response_quantiles.month_start = account_months.month_start
left join resolution_quantiles
    on resolution_quantiles.account_id = account_months.account_id
    and resolution_quantiles.month_start = account_months.month_start
left join seats
    on seats.account_id = account_months.account_id and seats.month_start = account_months.month_start
left join mrr_months
    on mrr_months.account_id = account_months.account_id and mrr_months.month_start = account_months.month_start
