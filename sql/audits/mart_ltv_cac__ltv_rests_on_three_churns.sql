-- severity: warn
-- An LTV whose trailing churn window (ltv_churn_window_months) holds fewer than 3 churned accounts of its channel
-- is one or two customers' story, not a churn rate.
with

churns as (
    select
        dim_month.month_key,
        coalesce(dim_account.acquisition_channel, 'unknown') as acquisition_channel,
        count(*) as churned_accounts
    from fct_mrr_movement
    inner join dim_month
        on dim_month.month_start = fct_mrr_movement.month_start
    left join dim_account
        on dim_account.account_id = fct_mrr_movement.account_id
    where fct_mrr_movement.movement_type = 'churn'
    group by dim_month.month_key, coalesce(dim_account.acquisition_channel, 'unknown')
)

select
    mart_ltv_cac.month,
    mart_ltv_cac.acquisition_channel,
    mart_ltv_cac.ltv,
    coalesce(sum(churns.churned_accounts), 0) as churned_accounts_in_window
from mart_ltv_cac
cross join run_context
inner join dim_month
    on dim_month.month_start = mart_ltv_cac.month
left join churns
    on churns.acquisition_channel = mart_ltv_cac.acquisition_channel
    and churns.month_key > dim_month.month_key - run_context.ltv_churn_window_months
    and churns.month_key <= dim_month.month_key
where mart_ltv_cac.ltv is not null
group by mart_ltv_cac.month, mart_ltv_cac.acquisition_channel, mart_ltv_cac.ltv
having coalesce(sum(churns.churned_accounts), 0) < 3
