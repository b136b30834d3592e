-- A delivery's columns against the contract's (names compared ignoring case, spaces and punctuation), so a renamed
-- column that loaded as empty values is visible: the delivery's columns the contract does not know (not landed) and
-- the optional contract columns it lacks, each comma-separated as written, null when there are none (and for
-- deliveries loaded before this migration).
alter table load_reconciliation add column unknown_columns varchar;
alter table load_reconciliation add column missing_columns varchar;
