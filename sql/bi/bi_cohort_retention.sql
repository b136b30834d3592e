/* model: bi_cohort_retention
   grain: one row per cohort (first paid month) per months since start, for dashboards (cohort_month, months_since_start)
   depends_on: mart_cohort_nrr
*/
with

cohorts as (
    select * from mart_cohort_nrr
)

select
    cohorts.cohort_month,
    cohorts.months_since_start,
    cohorts.cohort_accounts,
    cohorts.active_accounts,
    cohorts.starting_mrr,
    cohorts.mrr,
    cohorts.nrr as net_revenue_retention,
    cohorts.grr as gross_revenue_retention,
    cohorts.logo_retention
from cohorts
