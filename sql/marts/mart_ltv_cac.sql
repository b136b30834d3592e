/* model: mart_ltv_cac
   grain: one row per calendar month per acquisition channel (month, acquisition_channel)
   depends_on: fct_mrr_movement, dim_account, dim_month, stg_spend, int_fx_rates_at_month_end, run_context
*/
with

movements as (
    select * from fct_mrr_movement
),

accounts as (
    select * from dim_account
),

months as (
    select * from dim_month
),

spend as (
    select * from stg_spend
),

rates as (
    select * from int_fx_rates_at_month_end
),

run as (
    select * from run_context
),

-- why: no spend delivered at all is no spend figure (empty), not a spend of 0; in a delivered feed a channel-month
-- without a row spent 0
spend_feed as (
    select count(*) as spend_rows from spend
),

channels as (
    select acquisition_channel from accounts
    union
    select channel as acquisition_channel from spend
),

grid as (
    select
        months.month_start,
        months.month_key,
        months.month_end > run.run_date as is_partial_month,
        channels.acquisition_channel
    from months
    cross join channels
    cross join run
),

account_months as (
    select
        movements.*,
        coalesce(accounts.acquisition_channel, 'unknown') as acquisition_channel
    from movements
    left join accounts
        on accounts.account_id = movements.account_id
),

channel_months as (
    select
        month_start,
        acquisition_channel,
        sum(case when movement_type = 'new' then 1 else 0 end) as new_accounts,
        sum(new_mrr) as new_mrr,
        sum(case when closing_mrr > 0 then 1 else 0 end) as paying_accounts,
        sum(closing_mrr) as mrr,
        sum(case when is_opening_customer then 1 else 0 end) as starting_accounts,
        sum(case when movement_type = 'churn' then 1 else 0 end) as churned_accounts
    from account_months
    group by month_start, acquisition_channel
),

-- why: CAC is blended: sales and marketing spend together, converted at the month's rate
channel_spend as (
    select
        spend.month_start,
        spend.channel as acquisition_channel,
        sum(spend.amount * rates.rate_to_reporting) as spend
    from spend
    left join rates
        on rates.currency = spend.currency
        and rates.month_start = spend.month_start
    group by spend.month_start, spend.channel
),

filled as (
    select
        grid.month_start,
        grid.month_key,
        grid.acquisition_channel,
        grid.is_partial_month,
        coalesce(channel_months.new_accounts, 0) as new_accounts,
        coalesce(channel_months.new_mrr, 0) as new_mrr,
        coalesce(channel_months.paying_accounts, 0) as paying_accounts,
        coalesce(channel_months.mrr, 0) as mrr,
        coalesce(channel_months.starting_accounts, 0) as starting_accounts,
        coalesce(channel_months.churned_accounts, 0) as churned_accounts,
        case when spend_feed.spend_rows > 0 then coalesce(channel_spend.spend, 0) end as spend
    from grid
    cross join spend_feed
    left join channel_months
        on channel_months.month_start = grid.month_start
        and channel_months.acquisition_channel = grid.acquisition_channel
    left join channel_spend
        on channel_spend.month_start = grid.month_start
        and channel_spend.acquisition_channel = grid.acquisition_channel
),

-- why: one month of churn is too noisy for LTV; the rate is taken over the trailing window (a setting)
trailing_churn as (
    select
        filled.month_start,
        filled.acquisition_channel,
        sum(window_months.churned_accounts) as churned_accounts,
        sum(window_months.starting_accounts) as starting_accounts
    from filled
    cross join run
    inner join filled as window_months
        on window_months.acquisition_channel = filled.acquisition_channel
        and window_months.month_key > filled.month_key - run.ltv_churn_window_months
        and window_months.month_key <= filled.month_key
    group by filled.month_start, filled.acquisition_channel
),

-- why: with cac_lag_months = n a month's new accounts were bought by the spend of n months earlier; spend that
-- finds no new accounts is reported as unattributed, not silently left out of every CAC
attributed as (
    select
        filled.month_start,
        filled.acquisition_channel,
        case when spend_feed.spend_rows > 0 then coalesce(earlier.spend, 0) end as cac_spend
    from filled
    cross join run
    cross join spend_feed
    left join filled as earlier
        on earlier.acquisition_channel = filled.acquisition_channel
        and earlier.month_key = filled.month_key - run.cac_lag_months
),

unit_economics as (
    select
        filled.month_start,
        filled.acquisition_channel,
        filled.is_partial_month,
        filled.new_accounts,
        filled.spend,
        attributed.cac_spend,
        case
            when attributed.cac_spend is null then null
            when filled.new_accounts = 0 then attributed.cac_spend
            else 0
        end as unattributed_spend,
        run.gross_margin,
        run.ltv_max_lifetime_months,
        cast(attributed.cac_spend as double) / nullif(filled.new_accounts, 0) as cac,
        cast(filled.mrr as double) / nullif(filled.paying_accounts, 0) as arpa,
        cast(filled.new_mrr as double) / nullif(filled.new_accounts, 0) as new_arpa,
        cast(trailing_churn.churned_accounts as double) / nullif(trailing_churn.starting_accounts, 0) as logo_churn_rate
    from filled
    cross join run
    inner join trailing_churn
        on trailing_churn.month_start = filled.month_start
        and trailing_churn.acquisition_channel = filled.acquisition_channel
    inner join attributed
        on attributed.month_start = filled.month_start
        and attributed.acquisition_channel = filled.acquisition_channel
),

-- why: the expected lifetime 1 / churn is capped at ltv_max_lifetime_months, so near-zero churn (or none) gives a
-- bounded, labelled LTV rather than an unbounded or missing one; no starting accounts in the window gives none
lifetimes as (
    select
        unit_economics.*,
        case
            when logo_churn_rate is null then null
            when logo_churn_rate = 0 then cast(ltv_max_lifetime_months as double)
            when 1 / nullif(logo_churn_rate, 0) > ltv_max_lifetime_months then cast(ltv_max_lifetime_months as double)
            else 1 / nullif(logo_churn_rate, 0)
        end as lifetime_months,
        case
            when logo_churn_rate is null then false
            when logo_churn_rate = 0 then true
            else 1 / nullif(logo_churn_rate, 0) > ltv_max_lifetime_months
        end as ltv_is_capped
    from unit_economics
),

with_ltv as (
    select
        lifetimes.*,
        lifetimes.arpa * lifetimes.gross_margin * lifetimes.lifetime_months as ltv
    from lifetimes
)

select
    month_start as month,
    acquisition_channel,
    cast(new_accounts as bigint) as new_accounts,
    cast(spend as decimal(18, 2)) as spend,
    cast(cac_spend as decimal(18, 2)) as cac_spend,
    cast(unattributed_spend as decimal(18, 2)) as unattributed_spend,
    cast(cac as double) as cac,
    cast(arpa as double) as arpa,
    cast(gross_margin as double) as gross_margin,
    cast(logo_churn_rate as double) as logo_churn_rate,
    cast(ltv as double) as ltv,
    ltv_is_capped,
    cast(ltv / nullif(cac, 0) as double) as ltv_cac,
    cast(cac / nullif(new_arpa * gross_margin, 0) as double) as cac_payback_months,
    -- the run month is valued on the run date: its figures are to date, not the month's
    is_partial_month
from with_ltv
