-- severity: warn
-- A cohort of 10 or more accounts keeping more than three times its starting MRR is more likely a mapping that
-- stacks subscriptions than growth; small cohorts are left out (two accounts can triple honestly).
select cohort_month, months_since_start, cohort_accounts, starting_mrr, mrr, nrr
from mart_cohort_nrr
where cohort_accounts >= 10 and nrr > 3
