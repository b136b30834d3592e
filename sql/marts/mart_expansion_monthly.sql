/* model: mart_expansion_monthly
   grain: one row per month per CSM per sales owner, plus 'all' for either or both, from the month of the group's first paid month to the run month (month_start, csm_owner, sales_owner)
   depends_on: int_expansion_account_month, dim_account
   recompute_from_month: month_start
*/
with

account_months as (
    select * from int_expansion_account_month
),

accounts as (
    select * from dim_account
),

-- CSM and sales owner are the account's current ones (dim_account keeps no history), so an account is in one
-- CSM x sales owner group a month
by_owners as (
    select
        account_months.month_start,
        coalesce(accounts.csm_owner, 'unassigned') as csm_owner,
        coalesce(accounts.sales_owner, 'unassigned') as sales_owner,
        sum(account_months.customer_at_opening) as customers_at_opening,
        sum(account_months.expansion_mrr) as expansion_mrr,
        sum(account_months.upsell_mrr) as upsell_mrr,
        sum(account_months.cross_sell_mrr) as cross_sell_mrr,
        sum(case when account_months.expansion_mrr > 0 then 1 else 0 end) as accounts_expanding,
        sum(case when account_months.upsell_mrr > 0 then 1 else 0 end) as upsell_accounts,
        sum(case when account_months.cross_sell_mrr > 0 then 1 else 0 end) as cross_sell_accounts,
        sum(account_months.expansion_deals_won_by_cs) as expansion_deals_won_by_cs,
        sum(account_months.expansion_deals_won_by_sales) as expansion_deals_won_by_sales,
        sum(account_months.expansion_bookings_by_cs) as expansion_bookings_by_cs,
        sum(account_months.expansion_bookings_by_sales) as expansion_bookings_by_sales
    from account_months
    left join accounts
        on accounts.account_id = account_months.account_id
    group by account_months.month_start, coalesce(accounts.csm_owner, 'unassigned'), coalesce(accounts.sales_owner, 'unassigned')
),

-- why: one row set per level (CSM x sales owner, CSM, sales owner, everyone), so no total is re-derived downstream
all_levels as (
    select by_owners.*, csm_owner as reporting_csm, sales_owner as reporting_sales from by_owners
    union all
    select by_owners.*, csm_owner as reporting_csm, 'all' as reporting_sales from by_owners
    union all
    select by_owners.*, 'all' as reporting_csm, sales_owner as reporting_sales from by_owners
    union all
    select by_owners.*, 'all' as reporting_csm, 'all' as reporting_sales from by_owners
),

monthly as (
    select
        month_start,
        reporting_csm,
        reporting_sales,
        sum(customers_at_opening) as customers_at_opening,
        sum(expansion_mrr) as expansion_mrr,
        sum(upsell_mrr) as upsell_mrr,
        sum(cross_sell_mrr) as cross_sell_mrr,
        sum(accounts_expanding) as accounts_expanding,
        sum(upsell_accounts) as upsell_accounts,
        sum(cross_sell_accounts) as cross_sell_accounts,
        sum(expansion_deals_won_by_cs) as expansion_deals_won_by_cs,
        sum(expansion_deals_won_by_sales) as expansion_deals_won_by_sales,
        sum(expansion_bookings_by_cs) as expansion_bookings_by_cs,
        sum(expansion_bookings_by_sales) as expansion_bookings_by_sales
    from all_levels
    group by month_start, reporting_csm, reporting_sales
)

select
    month_start,
    cast(reporting_csm as string) as csm_owner,
    cast(reporting_sales as string) as sales_owner,
    cast(customers_at_opening as bigint) as customers_at_opening,
    cast(expansion_mrr as decimal(18, 6)) as expansion_mrr,
    cast(upsell_mrr as decimal(18, 6)) as upsell_mrr,
    cast(cross_sell_mrr as decimal(18, 6)) as cross_sell_mrr,
    cast(accounts_expanding as bigint) as accounts_expanding,
    cast(upsell_accounts as bigint) as upsell_accounts,
    cast(cross_sell_accounts as bigint) as cross_sell_accounts,
    cast(accounts_expanding as double) / nullif(customers_at_opening, 0) as expansion_rate,
    cast(upsell_accounts as double) / nullif(customers_at_opening, 0) as upsell_rate,
    cast(cross_sell_accounts as double) / nullif(customers_at_opening, 0) as cross_sell_rate,
    cast(expansion_deals_won_by_cs as bigint) as expansion_deals_won_by_cs,
    cast(expansion_deals_won_by_sales as bigint) as expansion_deals_won_by_sales,
    cast(expansion_bookings_by_cs as decimal(18, 2)) as expansion_bookings_by_cs,
    cast(expansion_bookings_by_sales as decimal(18, 2)) as expansion_bookings_by_sales
from monthly
