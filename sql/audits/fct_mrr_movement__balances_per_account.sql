-- Every account-month balances on its own, so the bridge cannot balance by two errors cancelling out.
select *
from fct_mrr_movement
where opening_mrr + new_mrr + expansion_mrr - contraction_mrr - churned_mrr + reactivation_mrr + fx_mrr <> closing_mrr
