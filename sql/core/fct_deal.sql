/* model: fct_deal
   grain: one row per CRM deal (deal_id)
   depends_on: stg_deals, int_fx_rates_at_month_end
*/
with

deals as (
    select * from stg_deals
),

rates as (
    select * from int_fx_rates_at_month_end
),

dated as (
    select
        deals.*,
        cast(date_trunc('month', deals.created_at) as date) as created_month,
        cast(date_trunc('month', coalesce(deals.closed_at, deals.created_at)) as date) as valuation_month
    from deals
)

select
    dated.deal_id,
    dated.account_id,
    dated.deal_name,
    dated.deal_type,
    dated.stage,
    dated.owner,
    dated.lead_source,
    dated.created_at,
    dated.closed_at,
    dated.created_month,
    cast(date_trunc('month', dated.closed_at) as date) as closed_month,
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
