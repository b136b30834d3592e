-- Nothing is lost on the way in: every row read was loaded or quarantined.
select *
from load_reconciliation
where rows_read <> rows_loaded + rows_quarantined
