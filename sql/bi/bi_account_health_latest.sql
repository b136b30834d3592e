/* model: bi_account_health_latest
   grain: one row per account that was ever paying: its latest month of mart_account_health (account_id)
   depends_on: mart_account_health, dim_account
   incremental_by: account_id
   materialized: table
   sorted_by: month, account_id
*/
with

health as (
    select * from mart_account_health
),

accounts as (
    select * from dim_account
),

-- each account's rows newest first: the first is its latest paying month; an account that stopped paying keeps its
-- last one, so health by CSM filters on the latest month (stored sorted by month, that filter skips the older rows)
latest_first as (
    select
        health.account_id,
        health.month_start,
        health.mrr,
        health.health_score,
        health.health_band,
        row_number() over (partition by health.account_id order by health.month_start desc) as recency
    from health
)

select
    latest_first.month_start as month,
    latest_first.account_id,
    accounts.account_name,
    accounts.segment,
    accounts.csm_owner,
    latest_first.mrr,
    latest_first.health_score,
    latest_first.health_band
from latest_first
left join accounts
    on accounts.account_id = latest_first.account_id
where latest_first.recency = 1
