/* model: int_expansion_account_month
   grain: one row per account per month with an MRR movement or a won expansion deal (account_id, month_start)
   depends_on: fct_mrr_movement, int_product_line_account_month, fct_deal, dim_account
   incremental_by: account_id
*/
-- why: mart_expansion_monthly adds accounts up over every account; the per-account part (the split of expansion into
-- upsell and cross-sell, deals won by CS or Sales) lives here, rebuilt on an incremental night for the changed
-- accounts only, so the mart is a grouping of this table. One row per account and month: an account then counts
-- once in a month, so "how many accounts" is a sum of flags the owner levels can add up.
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
)

select
    account_months.account_id,
    account_months.month_start,
    cast(account_months.customer_at_opening as integer) as customer_at_opening,
    cast(account_months.expansion_mrr as decimal(18, 6)) as expansion_mrr,
    cast(account_months.upsell_mrr as decimal(18, 6)) as upsell_mrr,
    cast(account_months.cross_sell_mrr as decimal(18, 6)) as cross_sell_mrr,
    cast(account_months.cs_deals as bigint) as expansion_deals_won_by_cs,
    cast(account_months.sales_deals as bigint) as expansion_deals_won_by_sales,
    cast(account_months.cs_bookings as decimal(18, 2)) as expansion_bookings_by_cs,
    cast(account_months.sales_bookings as decimal(18, 2)) as expansion_bookings_by_sales
from account_months
