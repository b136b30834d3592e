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

first_calendar_month as (
    select min(month_start) as month_start from months
),

-- an escalation: a ticket opened as urgent or high, or one the helpdesk marks reopened
ticket_flags as (
    select
        account_id,
        ticket_id,
        created_month,
        first_response_hours,
        case when lower(priority) in ('urgent', 'high') or lower(status) = 'reopened' then 1 else 0 end as escalation
    from tickets
),

-- why: medians and p90 are rank-based (ROW_NUMBER and COUNT) because DuckDB's quantile_cont and Spark's
-- percentile_approx disagree; the median averages the middle pair, p90 is the nearest rank ceil(0.9 n). Tickets
-- without a time sort after those with one, and COUNT(hours) counts only those, so one window pass per month
-- column (opened, solved) ranks the times and keeps the ticket's other figures for the same GROUP BY
opened_ranked as (
    select
        account_id,
        created_month,
        escalation,
        first_response_hours as hours,
        row_number() over (
            partition by account_id, created_month
            order by case when first_response_hours is null then 1 else 0 end, first_response_hours, ticket_id
        ) as position,
        count(first_response_hours) over (partition by account_id, created_month) as total
    from ticket_flags
),

solved_ranked as (
    select
        account_id,
        created_month,
        solved_month,
        csat_score,
        resolution_hours as hours,
        row_number() over (
            partition by account_id, solved_month
            order by case when resolution_hours is null then 1 else 0 end, resolution_hours, ticket_id
        ) as position,
        count(resolution_hours) over (partition by account_id, solved_month) as total
    from tickets
    where solved_month is not null
),

-- a ticket is in the backlog at the end of a month when it was opened by then and not yet solved: +1 in the month
-- opened, -1 in the later of the months opened and solved (a change before the first month of dim_month counts from
-- that month on), added up as a running sum per account below; the few tickets whose change does not fall in the
-- month they are counted opened or solved in are changes of their own (backlog_moved)
opened as (
    select
        opened_ranked.account_id,
        opened_ranked.created_month as month_start,
        count(*) as tickets_opened,
        sum(opened_ranked.escalation) as escalations,
        sum(case when opened_ranked.created_month >= first_calendar_month.month_start then 1 else 0 end) as backlog_change,
        avg(case when position in (floor((total + 1) / 2), ceil((total + 1) / 2)) then hours end) as median_response_hours,
        max(case when position = ceil(9 * total / 10) then hours end) as p90_response_hours
    from opened_ranked
    cross join first_calendar_month
    group by opened_ranked.account_id, opened_ranked.created_month
),

solved as (
    select
        solved_ranked.account_id,
        solved_ranked.solved_month as month_start,
        count(*) as tickets_solved,
        sum(case when solved_ranked.csat_score is not null then 1 else 0 end) as csat_responses,
        avg(cast(solved_ranked.csat_score as double)) as csat_avg,
        -sum(
            case
                when solved_ranked.created_month <= solved_ranked.solved_month
                    and solved_ranked.solved_month >= first_calendar_month.month_start then 1
                else 0
            end
        ) as backlog_change,
        avg(case when position in (floor((total + 1) / 2), ceil((total + 1) / 2)) then hours end) as median_resolution_hours,
        max(case when position = ceil(9 * total / 10) then hours end) as p90_resolution_hours
    from solved_ranked
    cross join first_calendar_month
    group by solved_ranked.account_id, solved_ranked.solved_month
),

backlog_moved as (
    select
        tickets.account_id,
        first_calendar_month.month_start,
        1 as backlog_change
    from tickets
    cross join first_calendar_month
    where tickets.created_month is null or tickets.created_month < first_calendar_month.month_start
    union all
    select
        tickets.account_id,
        greatest(tickets.created_month, tickets.solved_month, first_calendar_month.month_start) as month_start,
        -1 as backlog_change
    from tickets
    cross join first_calendar_month
    where tickets.solved_month is not null
        and (
            tickets.created_month is null
            or tickets.created_month > tickets.solved_month
            or tickets.solved_month < first_calendar_month.month_start
        )
),

-- seats = quantity of the paying subscription rows in force on the last day of the month (the run month on the run
-- date), as MRR counts them: until the effective end (a canceled row without end_date stops on its cancellation
-- date), not the end_date. That day only grows from month to month, so a row is in force from the month of its start
-- to the month of its effective end (if by the run date): +quantity and -quantity there, added up as running sums per
-- account below instead of joining every account-month to every subscription; a change before the account's first
-- month counts from that month on, where its months start; a row that ends before it starts is never in force. seats
-- is NULL in a month with no such row (seat_rows 0)
seat_changes as (
    select
        subscriptions.account_id,
        greatest(cast(date_trunc('month', subscriptions.start_date) as date), first_months.first_month) as month_start,
        subscriptions.quantity as seat_change,
        case when subscriptions.quantity is not null then 1 else 0 end as seat_rows_change
    from subscriptions
    inner join first_months
        on first_months.account_id = subscriptions.account_id
    cross join run
    where subscriptions.monthly_amount_local > 0
        and subscriptions.start_date <= run.run_date
        and (subscriptions.effective_end_date is null or subscriptions.effective_end_date > subscriptions.start_date)
    union all
    select
        subscriptions.account_id,
        greatest(cast(date_trunc('month', subscriptions.effective_end_date) as date), first_months.first_month) as month_start,
        -subscriptions.quantity as seat_change,
        case when subscriptions.quantity is not null then -1 else 0 end as seat_rows_change
    from subscriptions
    inner join first_months
        on first_months.account_id = subscriptions.account_id
    cross join run
    where subscriptions.monthly_amount_local > 0
        and subscriptions.start_date <= run.run_date
        and (subscriptions.effective_end_date is null or subscriptions.effective_end_date > subscriptions.start_date)
        and subscriptions.effective_end_date <= run.run_date
),

-- the changes of an account-month, added up before the running sums; every account has a row in its first month
-- (a change before it is not counted, as the months of the account start there)
month_changes as (
    select
        changes.account_id,
        changes.month_start,
        sum(changes.backlog_change) as backlog_change,
        sum(changes.seat_change) as seat_change,
        sum(changes.seat_rows_change) as seat_rows_change
    from (
        select account_id, first_month as month_start, 0 as backlog_change, cast(null as decimal(18, 4)) as seat_change,
            0 as seat_rows_change
        from first_months
        union all
        select account_id, month_start, backlog_change, null, 0
        from opened
        union all
        select account_id, month_start, backlog_change, null, 0
        from solved
        union all
        select account_id, month_start, backlog_change, null, 0
        from backlog_moved
        union all
        select account_id, month_start, 0, seat_change, seat_rows_change
        from seat_changes
    ) as changes
    inner join first_months
        on first_months.account_id = changes.account_id
    where changes.month_start >= first_months.first_month
    group by changes.account_id, changes.month_start
),

last_calendar_day as (
    select max(month_end) as month_end from months
),

-- why: the running sums are taken over the months with a change only, each valid until the next change, and then
-- spread over the months in between: a window over every account-month costs more than this join to dim_month
running_changes as (
    select
        month_changes.account_id,
        month_changes.month_start as valid_from,
        coalesce(
            lead(month_changes.month_start) over (partition by month_changes.account_id order by month_changes.month_start),
            last_calendar_day.month_end
        ) as valid_until,
        sum(month_changes.backlog_change) over (
            partition by month_changes.account_id order by month_changes.month_start
            rows between unbounded preceding and current row) as backlog,
        sum(month_changes.seat_change) over (
            partition by month_changes.account_id order by month_changes.month_start
            rows between unbounded preceding and current row) as seats_sum,
        sum(month_changes.seat_rows_change) over (
            partition by month_changes.account_id order by month_changes.month_start
            rows between unbounded preceding and current row) as seat_rows
    from month_changes
    cross join last_calendar_day
),

running as (
    select
        running_changes.account_id,
        months.month_start,
        months.month_key,
        running_changes.backlog,
        running_changes.seats_sum,
        running_changes.seat_rows
    from running_changes
    inner join months
        on months.month_start >= running_changes.valid_from
        and months.month_start < running_changes.valid_until
)

select
    running.account_id,
    running.month_start,
    cast(coalesce(opened.tickets_opened, 0) as bigint) as tickets_opened,
    cast(coalesce(solved.tickets_solved, 0) as bigint) as tickets_solved,
    cast(running.backlog as bigint) as backlog_at_month_end,
    cast(opened.median_response_hours as double) as median_first_response_hours,
    cast(opened.p90_response_hours as double) as p90_first_response_hours,
    cast(solved.median_resolution_hours as double) as median_resolution_hours,
    cast(solved.p90_resolution_hours as double) as p90_resolution_hours,
    cast(solved.csat_avg as double) as csat_avg,
    cast(coalesce(solved.csat_responses, 0) as bigint) as csat_responses,
    cast(coalesce(opened.escalations, 0) as bigint) as escalations,
    cast(case when running.seat_rows > 0 then running.seats_sum end as decimal(18, 4)) as seats,
    cast(coalesce(mrr_months.mrr, 0) as decimal(18, 6)) as mrr,
    cast(coalesce(opened.tickets_opened, 0) * 100 as double)
        / nullif(case when running.seat_rows > 0 then running.seats_sum end, 0) as tickets_per_100_seats,
    cast(coalesce(opened.tickets_opened, 0) * 1000 as double) / nullif(mrr_months.mrr, 0) as tickets_per_1000_mrr,
    running.month_key
from running
left join opened
    on opened.account_id = running.account_id and opened.month_start = running.month_start
left join solved
    on solved.account_id = running.account_id and solved.month_start = running.month_start
left join mrr_months
    on mrr_months.account_id = running.account_id and mrr_months.month_start = running.month_start
