-- A cohort keeps all its revenue in its first month, by definition.
select *
from mart_cohort_nrr
where months_since_start = 0 and (nrr <> 1.0 or grr <> 1.0 or logo_retention <> 1.0)
