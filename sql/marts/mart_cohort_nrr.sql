/* model: mart_cohort_nrr
   grain: one row per cohort (first paid month) per month since its start (cohort_month, months_since_start)
   depends_on: int_cohort_account_month
*/
with

account_months as (
    select * from int_cohort_account_month
),

cohort_months as (
    select
        cohort_month,
        months_since_start,
        count(*) as cohort_accounts,
        sum(case when is_customer then 1 else 0 end) as active_accounts,
        sum(starting_mrr) as starting_mrr,
        sum(mrr) as mrr,
        sum(least(mrr, starting_mrr)) as retained_mrr
    from account_months
    group by cohort_month, months_since_start
)

select
    cohort_month,
    cast(months_since_start as integer) as months_since_start,
    cast(cohort_accounts as bigint) as cohort_accounts,
    cast(active_accounts as bigint) as active_accounts,
    cast(starting_mrr as decimal(18, 6)) as starting_mrr,
    cast(mrr as decimal(18, 6)) as mrr,
    cast(retained_mrr as decimal(18, 6)) as retained_mrr,
    cast(mrr as double) / nullif(starting_mrr, 0) as nrr,
    cast(retained_mrr as double) / nullif(starting_mrr, 0) as grr,
    cast(active_accounts as double) / nullif(cohort_accounts, 0) as logo_retention
from cohort_months
