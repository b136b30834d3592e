/* model: mart_identity_coverage
   grain: one row per source system and identity rule (system, rule)
   depends_on: identity_map, fct_mrr_month
*/
with

links as (
    select * from identity_map
),

mrr_months as (
    select * from fct_mrr_month
),

-- why: coverage is read at the newest month built, the run month
latest_month as (
    select max(month_start) as month_start
    from mrr_months
),

account_mrr as (
    select
        mrr_months.account_id,
        mrr_months.mrr
    from mrr_months
    inner join latest_month
        on latest_month.month_start = mrr_months.month_start
),

total as (
    select coalesce(sum(account_mrr.mrr), 0) as mrr
    from account_mrr
),

identities as (
    select
        links.system,
        links.rule,
        count(*) as identities
    from links
    group by links.system, links.rule
),

-- why: an account that several identities of one system link by one rule counts once
linked_accounts as (
    select distinct
        links.system,
        links.rule,
        links.account_id
    from links
),

coverage as (
    select
        linked_accounts.system,
        linked_accounts.rule,
        count(*) as accounts,
        cast(coalesce(sum(account_mrr.mrr), 0) as decimal(18, 6)) as mrr
    from linked_accounts
    left join account_mrr
        on account_mrr.account_id = linked_accounts.account_id
    group by linked_accounts.system, linked_accounts.rule
)

select
    coverage.system,
    coverage.rule,
    identities.identities,
    coverage.accounts,
    coverage.mrr,
    case when total.mrr = 0 then null else cast(coverage.mrr / total.mrr as decimal(9, 6)) end as mrr_share
from coverage
inner join identities
    on identities.system = coverage.system
    and identities.rule = coverage.rule
cross join total
