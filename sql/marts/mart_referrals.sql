/* model: mart_referrals
   grain: one row per month per referring account's CSM, plus 'all', for every month with a referred deal created or won or new MRR from one, or with new MRR at the 'all' level (month_start, csm_owner)
   depends_on: fct_deal, fct_mrr_movement, mart_account_health, dim_account
*/
with

deals as (
    select * from fct_deal
),

movements as (
    select * from fct_mrr_movement
),

health as (
    select * from mart_account_health
),

accounts as (
    select * from dim_account
),

referred as (
    select * from deals where deals.referred_by_account_id is not null
),

-- the referring account's health in the month the deal was created: no row when it was not paying then, so its
-- referral is not an existing customer's
referred_deals as (
    select
        referred.deal_id,
        referred.account_id,
        referred.referred_by_account_id,
        referred.created_month,
        referred.closed_month,
        referred.is_won,
        referred.deal_type,
        referred.amount_reporting,
        health.health_score as referrer_health_score,
        case when health.account_id is not null then 1 else 0 end as referrer_was_customer
    from referred
    left join health
        on health.account_id = referred.referred_by_account_id
        and health.month_start = referred.created_month
),

-- the account a won referred new-business deal brought in; its new MRR is the referral's (the first such deal
-- when there are several)
referred_new_accounts as (
    select
        account_id,
        referred_by_account_id,
        referrer_was_customer
    from (
        select
            referred_deals.*,
            row_number() over (partition by account_id order by closed_month, deal_id) as deal_rank
        from referred_deals
        where is_won and deal_type = 'new_business'
    ) as ranked
    where deal_rank = 1
),

facts as (
    select
        created_month as month_start,
        referred_by_account_id,
        1 as referred_deals,
        0 as won_deals,
        0 as won_bookings,
        0 as referred_new_mrr,
        0 as customer_referred_new_mrr,
        referrer_health_score,
        referrer_was_customer
    from referred_deals
    union all
    select
        closed_month as month_start,
        referred_by_account_id,
        0 as referred_deals,
        1 as won_deals,
        amount_reporting as won_bookings,
        0 as referred_new_mrr,
        0 as customer_referred_new_mrr,
        null as referrer_health_score,
        0 as referrer_was_customer
    from referred_deals
    where is_won and closed_month is not null
    union all
    select
        movements.month_start,
        referred_new_accounts.referred_by_account_id,
        0 as referred_deals,
        0 as won_deals,
        0 as won_bookings,
        movements.new_mrr as referred_new_mrr,
        movements.new_mrr * referred_new_accounts.referrer_was_customer as customer_referred_new_mrr,
        null as referrer_health_score,
        0 as referrer_was_customer
    from movements
    inner join referred_new_accounts
        on referred_new_accounts.account_id = movements.account_id
    where movements.new_mrr > 0
),

with_csm as (
    select
        facts.*,
        coalesce(accounts.csm_owner, 'unassigned') as csm_owner
    from facts
    left join accounts
        on accounts.account_id = facts.referred_by_account_id
),

-- why: the share's denominator is every account's new MRR of the month, at both levels, so the CSMs' shares add up
-- to the 'all' row's; the last set gives 'all' a row in every month with new MRR, referred or not
all_levels as (
    select with_csm.*, csm_owner as reporting_csm from with_csm
    union all
    select with_csm.*, 'all' as reporting_csm from with_csm
    union all
    select
        month_start,
        null as referred_by_account_id,
        0 as referred_deals,
        0 as won_deals,
        0 as won_bookings,
        0 as referred_new_mrr,
        0 as customer_referred_new_mrr,
        null as referrer_health_score,
        0 as referrer_was_customer,
        'all' as csm_owner,
        'all' as reporting_csm
    from movements
    where new_mrr > 0
),

monthly as (
    select
        month_start,
        reporting_csm,
        sum(referred_deals) as referred_deals,
        count(distinct case when referred_deals = 1 then referred_by_account_id end) as referring_accounts,
        sum(won_deals) as won_referred_deals,
        sum(won_bookings) as won_referred_bookings,
        sum(referred_new_mrr) as referred_new_mrr,
        sum(customer_referred_new_mrr) as customer_referred_new_mrr,
        sum(referrer_was_customer) as deals_referred_by_customers,
        -- why: a double average adds in whatever order the threads meet, so its last digit changed from run to run;
        -- decimals add exactly, so the same referrers give the same average every night
        avg(cast(referrer_health_score as decimal(38, 12))) as avg_referrer_health_score
    from all_levels
    group by month_start, reporting_csm
),

new_mrr_months as (
    select month_start, sum(new_mrr) as new_mrr from movements group by month_start
)

select
    monthly.month_start,
    cast(monthly.reporting_csm as string) as csm_owner,
    cast(monthly.referred_deals as bigint) as referred_deals,
    cast(monthly.referring_accounts as bigint) as referring_accounts,
    cast(monthly.deals_referred_by_customers as bigint) as deals_referred_by_customers,
    cast(monthly.won_referred_deals as bigint) as won_referred_deals,
    cast(monthly.won_referred_bookings as decimal(18, 2)) as won_referred_bookings,
    cast(monthly.referred_new_mrr as decimal(18, 6)) as referred_new_mrr,
    cast(monthly.customer_referred_new_mrr as decimal(18, 6)) as customer_referred_new_mrr,
    cast(coalesce(new_mrr_months.new_mrr, 0) as decimal(18, 6)) as new_mrr,
    cast(monthly.customer_referred_new_mrr as double) / nullif(cast(new_mrr_months.new_mrr as double), 0)
        as customer_referral_share_of_new_mrr,
    cast(monthly.avg_referrer_health_score as double) as avg_referrer_health_score
from monthly
left join new_mrr_months
    on new_mrr_months.month_start = monthly.month_start
