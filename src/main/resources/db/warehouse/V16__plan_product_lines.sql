-- Plan -> product line, filled from the job file's models step (with.product_lines) on every run. A plan not listed
-- is its own product line (mart_expansion_monthly reads coalesce(product_line, plan)).
create table plan_product_line (
    plan varchar not null,
    product_line varchar not null
);
