-- Every column of a published model (core dim_/fct_/int_, marts mart_, bi bi_) has a description: a line in
-- sql/<layer>/<model>.yml, written as a DuckDB column comment by the models step. One row per column missing one.
select c.table_name, c.column_name
from duckdb_columns() as c
where c.database_name = current_database()
    and c.schema_name = 'main'
    and not c.internal
    and (c.comment is null or trim(c.comment) = '')
    and (
        c.table_name like 'dim\_%' escape '\'
        or c.table_name like 'fct\_%' escape '\'
        or c.table_name like 'int\_%' escape '\'
        or c.table_name like 'mart\_%' escape '\'
        or c.table_name like 'bi\_%' escape '\'
    )
order by c.table_name, c.column_name
