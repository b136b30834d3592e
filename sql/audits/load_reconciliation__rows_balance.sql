-- Nothing is lost on the way in: every row read was loaded (new or updated), unchanged or quarantined.
select *
from load_reconciliation
where rows_read <> rows_loaded + coalesce(rows_updated, 0) + coalesce(rows_unchanged, 0) + rows_quarantined
