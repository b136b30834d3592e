/* model: mart_handoff_retention_account
   grain: one row per account whose first new-business win has a base month, per horizon of 90, 180 or 365 days that has ended by the run month (account_id, horizon_days)
   depends_on: mart_handoff_quality, fct_mrr_month, run_context
   incremental_by: account_id
*/
with

won_deals as (
    select * from mart_handoff_quality
),

mrr_months as (
    select * from fct_mrr_month
),

run as (
    select * from run_context
),

horizons as (
    select 90 as horizon_days, 3 as horizon_months
    union all select 180, 6
    union all select 365, 12
),

-- why: only the first new-business win of an account starts its life with CS; an account counts once
first_wins as (
    select
        won_deals.*,
        row_number() over (partition by won_deals.account_id order by won_deals.closed_at, won_deals.deal_id) as win_rank
    from won_deals
    where won_deals.deal_type = 'new_business'
),

-- the base month is the first month on or after the close with MRR > 0
base_months as (
    select
        first_wins.account_id,
        first_wins.completeness_band,
        min(mrr_months.month_key) as base_key
    from first_wins
    inner join mrr_months
        on mrr_months.account_id = first_wins.account_id
        and mrr_months.month_start >= first_wins.closed_month
        and mrr_months.mrr > 0
    where first_wins.win_rank = 1
    group by first_wins.account_id, first_wins.completeness_band
),

-- why: 90/180/365 days are read as 3/6/12 whole months after the base month, and only horizons that ended
-- by the run month count, so a young account never looks retained
observed as (
    select
        base_months.completeness_band,
        horizons.horizon_days,
        base_months.account_id,
        base.mrr as base_mrr,
        coalesce(later.mrr, 0) as horizon_mrr
    from base_months
    cross join horizons
    cross join run
    inner join mrr_months as base
        on base.account_id = base_months.account_id
        and base.month_key = base_months.base_key
    left join mrr_months as later
        on later.account_id = base_months.account_id
        and later.month_key = base_months.base_key + horizons.horizon_months
    where base_months.base_key + horizons.horizon_months
        <= cast(extract(year from run.run_date) * 12 + extract(month from run.run_date) as integer)
)

select
    account_id,
    completeness_band,
    cast(horizon_days as integer) as horizon_days,
    cast(base_mrr as decimal(18, 6)) as base_mrr,
    cast(horizon_mrr as decimal(18, 6)) as horizon_mrr
from observed
