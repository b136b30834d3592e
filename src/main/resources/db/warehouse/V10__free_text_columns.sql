-- Free text is part of the contract the extractor reads: a quoted CSV value may span lines only in a column whose
-- comment is 'free text'. Anywhere else a line break inside quotes means a stray quote has merged records, and
-- every line of such a record is quarantined instead of loaded.
comment on column landed_handoffs.customer_profile is 'free text';
comment on column landed_handoffs.contract_terms is 'free text';
comment on column landed_handoffs.background_problem is 'free text';
comment on column landed_handoffs.success_definition is 'free text';
comment on column landed_handoffs.valued_points is 'free text';
comment on column landed_handoffs.concerns is 'free text';
comment on column landed_handoffs.promises is 'free text';
comment on column landed_handoffs.key_people is 'free text';
comment on column landed_handoffs.communication_log is 'free text';
comment on column landed_handoffs.notes_for_cs is 'free text';
