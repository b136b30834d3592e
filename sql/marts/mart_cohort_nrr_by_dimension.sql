/* model: mart_cohort_nrr_by_dimension
   grain: one row per dimension (segment or acquisition_channel), its value, cohort and month since start (dimension, dimension_value, cohort_month, months_since_start)
   depends_on: int_cohort_account_month
*/
with

account_months as (
    select * from int_cohort_account_month
),

-- why: one table for both cuts, so a dashboard filters on dimension instead of joining two marts
by_dimension as (
    select 'segment' as dimension, segment as dimension_value, account_months.* from account_months
    union all
    select 'acquisition_channel' as dimension, acquisition_channel as dimension_value, account_months.* from account_months
),

cohort_months as (
    select
        dimension,
        dimension_value,
        cohort_month,
        months_since_start,
        count(*) as cohort_accounts,
        sum(case when is_customer then 1 else 0 end) as active_accounts,
        sum(starting_mrr) as starting_mrr,
        sum(mrr) as mrr,
        sum(least(mrr, starting_mrr)) as retained_mrr
    from by_dimension
    group by dimension, dimension_value, cohort_month, months_since_start
)

select
    dimension,
    dimension_value,
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
