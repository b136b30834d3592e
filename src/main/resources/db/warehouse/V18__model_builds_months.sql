-- Models rebuilt from the earliest month their inputs changed in (recompute_from_month: <month column>): a model's
-- build may be 'months', and night_changes notes the months of a model's changed rows as entity 'months <model>'
-- (key_name 'month', key_value the month's first day; null when the changed rows belong to no month).

alter table model_builds rename to model_builds_before_months;
create table model_builds (
    model varchar not null,
    fingerprint varchar not null,
    run_date date not null,
    build varchar not null check (build in ('full', 'accounts', 'keys', 'months', 'kept')),
    -- what changed in its rows since last night: nothing, the rows of some accounts or keys, or anything
    changed varchar not null check (changed in ('none', 'accounts', 'all')),
    accounts bigint, -- how many accounts (build 'accounts') or keys (build 'keys') the build rebuilt
    seconds double not null
);
insert into model_builds select * from model_builds_before_months;
drop table model_builds_before_months;
