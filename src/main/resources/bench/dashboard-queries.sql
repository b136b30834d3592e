-- The dashboard queries `baton bench --queries` times against the published warehouse, one per "-- name:" line,
-- each what a dashboard tile asks for: every bi_* view, a 24-cohort NRR heatmap, a 24-month bridge, health by CSM
-- and the owner scorecard. Each statement returns a dashboard-sized result (the readers fetch every row), and
-- finds "the latest" from the data itself, so the set runs on any published night.

-- name: bi_account_mrr_top_50
select month, account_id, account_name, segment, csm_owner, mrr
from bi_account_mrr
where month = (select max(month) from bi_account_mrr)
order by mrr desc, account_id
limit 50

-- name: bi_account_mrr_one_account
select month, mrr, is_paused
from bi_account_mrr
where account_id = (select min(account_id) from dim_account)
order by month

-- name: mrr_by_segment
-- the stored sums per month and segment; docs/benchmark.md times the same tile before it was stored, grouping every
-- row of bi_account_mrr at each query, as bi_account_mrr_by_segment
select month, segment, accounts, paused_accounts, mrr
from bi_mrr_by_segment_month
order by month, segment

-- name: bi_retention_monthly
select month, segment, starting_accounts, churned_accounts, logo_churn_rate, net_revenue_retention, gross_revenue_retention
from bi_retention_monthly
order by month, segment

-- name: bi_unit_economics
select month, acquisition_channel, new_accounts, spend, cac, ltv, ltv_cac, cac_payback_months
from bi_unit_economics
order by month, acquisition_channel

-- name: nrr_heatmap_24_cohorts
with latest_cohorts as (
    select distinct cohort_month
    from bi_cohort_retention
    order by cohort_month desc
    limit 24
)
select retention.cohort_month, retention.months_since_start, retention.net_revenue_retention
from bi_cohort_retention as retention
inner join latest_cohorts on latest_cohorts.cohort_month = retention.cohort_month
order by retention.cohort_month, retention.months_since_start

-- name: revenue_bridge_24_months
select month, opening_mrr, new_mrr, expansion_mrr, contraction_mrr, churned_mrr, reactivation_mrr, fx_mrr, closing_mrr
from bi_revenue_bridge
order by month desc
limit 24

-- name: health_by_csm
select
    coalesce(csm_owner, 'unassigned') as csm_owner,
    health_band,
    count(*) as accounts,
    avg(health_score) as average_health_score,
    sum(mrr) as mrr
from bi_account_health_latest
where month = (select max(month) from bi_account_health_latest)
group by coalesce(csm_owner, 'unassigned'), health_band
order by csm_owner, health_band

-- name: owner_scorecard_12_months
select owner_role, owner, month_start, won_deals, bookings, new_mrr, starting_mrr, ending_mrr, logo_churn_rate, nrr, grr
from mart_owner_scorecard
where month_start > (select max(month_start) from mart_owner_scorecard) - interval 12 month
order by owner_role, owner, month_start
