/* model: mart_expansion_monthly
   grain: one row per month per CSM per sales owner, plus 'all' for either or both, from the month of the group's first paid month to the run month (month_start, csm_owner, sales_owner)
   depends_on: fct_mrr_movement, int_product_line_account_month, fct_deal, dim_account
*/
with

movements as (
    select * from fct_mrr_movement
),

line_months as (
    select * from int_product_line_account_month
),

deals as (
    select * from fct_deal
),

accounts as (
    select * from dim_account
),

-- the MRR of the product lines the account pays for for the first time this month
new_lines as (
    select
        account_id,
        month_key,
        sum(line_mrr) as new_line_mrr
    from line_months
    where first_paid_month_key = month_key
    group by account_id, month_key
),

-- why: the expansion stays the bridge's (fct_mrr_movement); the part of it that a new line brought in is cross-sell,
-- at most the whole expansion (a new line bought while another shrank is still expansion of the net only), and the
-- rest (more seats, a higher tier, a price rise on lines the account had) is upsell
split as (
    select
        movements.account_id,
        movements.month_start,
        case when movements.opening_mrr > 0 then 1 else 0 end as customer_at_opening,
        movements.expansion_mrr,
        case
            when movements.expansion_mrr <= 0 then 0
            when coalesce(new_lines.new_line_mrr, 0) >= movements.expansion_mrr then movements.expansion_mrr
            else coalesce(new_lines.new_line_mrr, 0)
        end as cross_sell_mrr
    from movements
    left join new_lines
        on new_lines.account_id = movements.account_id
        and new_lines.month_key = movements.month_key
),

-- expansion deals won: by CS when the deal's owner is the account's CSM, else by Sales
won_expansion_deals as (
    select
        deals.account_id,
        deals.closed_month as month_start,
        case when deals.owner = accounts.csm_owner then 1 else 0 end as won_by_cs,
        deals.amount_reporting
    from deals
    left join accounts
        on accounts.account_id = deals.account_id
    where deals.is_won and deals.deal_type = 'expansion' and deals.closed_month is not null
),

facts as (
    select
        account_id,
        month_start,
        customer_at_opening,
        expansion_mrr,
        cross_sell_mrr,
        expansion_mrr - cross_sell_mrr as upsell_mrr,
        0 as cs_deals,
        0 as sales_deals,
        0 as cs_bookings,
        0 as sales_bookings
    from split
    union all
    select
        account_id,
        month_start,
        0 as customer_at_opening,
        0 as expansion_mrr,
        0 as cross_sell_mrr,
        0 as upsell_mrr,
        won_by_cs as cs_deals,
        1 - won_by_cs as sales_deals,
        won_by_cs * amount_reporting as cs_bookings,
        (1 - won_by_cs) * amount_reporting as sales_bookings
    from won_expansion_deals
),

-- why: one row per account and month first: an account then counts once in a month, so "how many accounts" is a sum
-- of flags, which the owner levels below can add up (count(distinct) over every account's rows at every level cost
-- three times as much)
account_months as (
    select
        account_id,
        month_start,
        max(customer_at_opening) as customer_at_opening,
        sum(expansion_mrr) as expansion_mrr,
        sum(upsell_mrr) as upsell_mrr,
        sum(cross_sell_mrr) as cross_sell_mrr,
        sum(cs_deals) as cs_deals,
        sum(sales_deals) as sales_deals,
        sum(cs_bookings) as cs_bookings,
        sum(sales_bookings) as sales_bookings
    from facts
    group by account_id, month_start
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
        sum(account_months.cs_deals) as expansion_deals_won_by_cs,
        sum(account_months.sales_deals) as expansion_deals_won_by_sales,
        sum(account_months.cs_bookings) as expansion_bookings_by_cs,
        sum(account_months.sales_bookings) as expansion_bookings_by_sales
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
