/* model: mart_cohort_nrr_average
   grain: one row per dimension (all, segment or acquisition_channel), its value and month since start, averaged over every cohort that has reached that month (dimension, dimension_value, months_since_start)
   depends_on: mart_cohort_nrr, mart_cohort_nrr_by_dimension
*/

with

cohorts as (
    select * from mart_cohort_nrr
),

cohorts_by_dimension as (
    select * from mart_cohort_nrr_by_dimension
),

-- why: each cut adds up the cohort rows the two cohort marts already summed, not the account-months again
by_dimension as (
    select
        'all' as dimension,
        'all' as dimension_value,
        cohort_month,
        months_since_start,
        cohort_accounts,
        active_accounts,
        starting_mrr,
        mrr,
        retained_mrr
    from cohorts
    union all
    select
        dimension,
        dimension_value,
        cohort_month,
        months_since_start,
        cohort_accounts,
        active_accounts,
        starting_mrr,
        mrr,
        retained_mrr
    from cohorts_by_dimension
),

-- why: the average of cohort NRRs weighted by each cohort's starting MRR is sum(MRR) / sum(starting MRR) over
-- the cohorts that have reached month k; a plain mean would let a one-account cohort weigh like a big one
averaged as (
    select
        dimension,
        dimension_value,
        months_since_start,
        count(distinct cohort_month) as cohorts,
        sum(cohort_accounts) as cohort_accounts,
        sum(active_accounts) as active_accounts,
        sum(starting_mrr) as starting_mrr,
        sum(mrr) as mrr,
        sum(retained_mrr) as retained_mrr
    from by_dimension
    group by dimension, dimension_value, months_since_start
)

select
    dimension,
    dimension_value,
    cast(months_since_start as integer) as months_since_start,
    cast(cohorts as bigint) as cohorts,
    cast(cohort_accounts as bigint) as cohort_accounts,
    cast(active_accounts as bigint) as active_accounts,
    cast(starting_mrr as decimal(18, 6)) as starting_mrr,
    cast(mrr as decimal(18, 6)) as mrr,
    cast(retained_mrr as decimal(18, 6)) as retained_mrr,
    cast(mrr as double) / nullif(starting_mrr, 0) as nrr_weighted_by_starting_mrr,
    cast(retained_mrr as double) / nullif(starting_mrr, 0) as grr_weighted_by_starting_mrr,
    cast(active_accounts as double) / nullif(cohort_accounts, 0) as logo_retention_weighted_by_accounts
from averaged
