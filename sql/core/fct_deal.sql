/* model: fct_deal
   grain: one row per CRM deal (deal_id)
   depends_on: stg_deals, int_fx_rates_at_month_end, run_context
   incremental_by: deal_id
*/
with

deals as (
    select * from stg_deals
),

rates as (
    select * from int_fx_rates_at_month_end
),

run as (
    select * from run_context
),

-- why: months are calendar months in the reporting time zone: 23:30 local on the last day is that month
dated as (
    select
        deals.*,
        cast(date_trunc('month', from_utc_timestamp(deals.created_at, run.reporting_time_zone)) as date) as created_month,
        cast(date_trunc('month', from_utc_timestamp(deals.closed_at, run.reporting_time_zone)) as date) as closed_month,
        cast(date_trunc('month', from_utc_timestamp(coalesce(deals.closed_at, deals.created_at), run.reporting_time_zone)) as date)
            as valuation_month
    from deals
    cross join run
)

select
    dated.deal_id,
    dated.account_id,
    dated.deal_name,
    dated.deal_type,
    dated.stage,
    dated.owner,
    dated.lead_source,
    dated.referred_by_account_id,
    dated.created_at,
    dated.closed_at,
    dated.created_month,
    dated.closed_month,
    dated.closed_at is not null as is_closed,
    dated.is_won,
    dated.amount,
    dated.currency,
    -- valued at the closing month's rate (the created month's while the deal is open)
    cast(dated.amount * rates.rate_to_reporting as decimal(18, 2)) as amount_reporting
from dated
left join rates
    on rates.currency = dated.currency
    and rates.month_start = dated.valuation_month
