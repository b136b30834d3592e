-- Which rows an audit read: a grain audit of a table rebuilt for some accounts reads only their rows, and one of a
-- table unchanged since the last published version (which passed it) is not run again.
alter table audit_results add column scope varchar not null default 'all rows';
