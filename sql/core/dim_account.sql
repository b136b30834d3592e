/* model: dim_account
   grain: one row per account (account_id)
   depends_on: stg_accounts, fct_mrr_month
   incremental_by: account_id
*/
with

accounts as (
    select * from stg_accounts
),

mrr_months as (
    select * from fct_mrr_month
),

first_paid as (
    select
        account_id,
        min(month_start) as first_paid_month
    from mrr_months
    where is_first_paid_month
    group by account_id
)

select
    accounts.account_id,
    accounts.account_name,
    accounts.segment,
    accounts.industry,
    accounts.country,
    accounts.acquisition_channel,
    accounts.sales_owner,
    accounts.csm_owner,
    accounts.created_at,
    first_paid.first_paid_month as cohort_month,
    accounts.is_unmatched
from accounts
left join first_paid
    on first_paid.account_id = accounts.account_id
