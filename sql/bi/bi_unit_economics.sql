/* model: bi_unit_economics
   grain: one row per calendar month per acquisition channel, for dashboards (month, acquisition_channel)
   depends_on: mart_ltv_cac
*/
with

unit_economics as (
    select * from mart_ltv_cac
)

select
    unit_economics.month,
    unit_economics.acquisition_channel,
    unit_economics.new_accounts,
    unit_economics.spend,
    unit_economics.cac,
    unit_economics.arpa,
    unit_economics.logo_churn_rate,
    unit_economics.ltv,
    unit_economics.ltv_is_capped,
    unit_economics.ltv_cac,
    unit_economics.cac_payback_months
from unit_economics
