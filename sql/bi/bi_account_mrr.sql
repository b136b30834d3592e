/* model: bi_account_mrr
   grain: one row per account per calendar month from its first paid month to the run month (account_id, month)
   depends_on: fct_mrr_month, dim_account
   incremental_by: account_id
   materialized: table
   sorted_by: month, account_id
*/
with

mrr_months as (
    select * from fct_mrr_month
),

accounts as (
    select * from dim_account
)

select
    mrr_months.month_start as month,
    mrr_months.account_id,
    accounts.account_name,
    accounts.segment,
    accounts.industry,
    accounts.country,
    accounts.acquisition_channel,
    accounts.sales_owner,
    accounts.csm_owner,
    accounts.cohort_month,
    mrr_months.mrr,
    mrr_months.is_paused
from mrr_months
left join accounts
    on accounts.account_id = mrr_months.account_id
