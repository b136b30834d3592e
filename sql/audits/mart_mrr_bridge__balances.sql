-- Opening MRR + new + expansion - contraction - churn + reactivation + fx = closing MRR, every month, exactly.
select *
from mart_mrr_bridge
where opening_mrr + new + expansion - contraction - churn + reactivation + fx <> closing_mrr
