/* model: mart_owner_scorecard
   grain: one row per owner role (sales, csm) per owner per month (owner_role, owner, month_start)
   depends_on: fct_mrr_movement, dim_account, fct_deal
*/
with

movements as (
    select * from fct_mrr_movement
),

accounts as (
    select * from dim_account
),

deals as (
    select * from fct_deal
),

-- why: one pass over the movements, summed per month and pair of owners; each role then reads these few rows
owner_pair_months as (
    select
        coalesce(accounts.sales_owner, 'unassigned') as sales_owner,
        coalesce(accounts.csm_owner, 'unassigned') as csm_owner,
        movements.month_start,
        sum(case when movements.is_opening_customer then 1 else 0 end) as starting_accounts,
        sum(case when movements.movement_type = 'churn' then 1 else 0 end) as churned_accounts,
        sum(case when movements.movement_type = 'new' then 1 else 0 end) as new_accounts,
        sum(movements.new_mrr) as new_mrr,
        sum(movements.opening_mrr) as opening_mrr,
        sum(movements.closing_mrr_at_opening_rates) as closing_mrr_at_opening_rates,
        sum(
            case
                when movements.opening_mrr > 0 then least(movements.closing_mrr_at_opening_rates, movements.opening_mrr)
                else 0
            end
        ) as retained_mrr,
        sum(movements.closing_mrr) as closing_mrr
    from movements
    left join accounts on accounts.account_id = movements.account_id
    group by coalesce(accounts.sales_owner, 'unassigned'), coalesce(accounts.csm_owner, 'unassigned'), movements.month_start
),

-- why: a rep is measured on the accounts they sold (dim_account.sales_owner), a CSM on those they manage
owned_movements as (
    select 'sales' as owner_role, sales_owner as owner, owner_pair_months.* from owner_pair_months
    union all
    select 'csm' as owner_role, csm_owner as owner, owner_pair_months.* from owner_pair_months
),

-- bookings: a rep's own won deals (deal owner); a CSM's won expansion and renewal deals on accounts they manage
bookings as (
    select
        'sales' as owner_role,
        coalesce(deals.owner, 'unassigned') as owner,
        deals.closed_month as month_start,
        deals.amount_reporting
    from deals
    where deals.is_won and deals.closed_month is not null
    union all
    select
        'csm' as owner_role,
        coalesce(accounts.csm_owner, 'unassigned') as owner,
        deals.closed_month as month_start,
        deals.amount_reporting
    from deals
    left join accounts on accounts.account_id = deals.account_id
    where deals.is_won and deals.closed_month is not null and deals.deal_type in ('expansion', 'renewal')
),

facts as (
    select
        owner_role,
        owner,
        month_start,
        0 as won_deals,
        0 as bookings,
        starting_accounts,
        churned_accounts,
        new_accounts,
        new_mrr,
        opening_mrr,
        closing_mrr_at_opening_rates,
        retained_mrr,
        closing_mrr
    from owned_movements
    union all
    select
        owner_role,
        owner,
        month_start,
        1 as won_deals,
        amount_reporting as bookings,
        0, 0, 0, 0, 0, 0, 0, 0
    from bookings
)

select
    owner_role,
    owner,
    month_start,
    cast(sum(won_deals) as bigint) as won_deals,
    cast(sum(bookings) as decimal(18, 2)) as bookings,
    cast(sum(new_accounts) as bigint) as new_accounts,
    cast(sum(new_mrr) as decimal(18, 6)) as new_mrr,
    cast(sum(starting_accounts) as bigint) as starting_accounts,
    cast(sum(churned_accounts) as bigint) as churned_accounts,
    cast(sum(opening_mrr) as decimal(18, 6)) as starting_mrr,
    cast(sum(closing_mrr) as decimal(18, 6)) as ending_mrr,
    cast(sum(churned_accounts) as double) / nullif(sum(starting_accounts), 0) as logo_churn_rate,
    cast(sum(closing_mrr_at_opening_rates) as double) / nullif(sum(opening_mrr), 0) as nrr,
    cast(sum(retained_mrr) as double) / nullif(sum(opening_mrr), 0) as grr
from facts
group by owner_role, owner, month_start
