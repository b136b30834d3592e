-- Models rebuilt for the changed keys of their own grain (incremental_by: ticket_id): the night's changes also name
-- the changed rows' key, and a model's build may be 'keys'.

-- key_name and key_value: the changed row's single-column key (a landed entity's natural key, or the key a model
-- is incremental by); null where changes are known by account only.
alter table night_changes add column key_name varchar;
alter table night_changes add column key_value varchar;

alter table model_builds rename to model_builds_before_keys;
create table model_builds (
    model varchar not null,
    fingerprint varchar not null,
    run_date date not null,
    build varchar not null check (build in ('full', 'accounts', 'keys', 'kept')),
    -- what changed in its rows since last night: nothing, the rows of some accounts or keys, or anything
    changed varchar not null check (changed in ('none', 'accounts', 'all')),
    accounts bigint, -- how many accounts (build 'accounts') or keys (build 'keys') the build rebuilt
    seconds double not null
);
insert into model_builds select * from model_builds_before_keys;
drop table model_builds_before_keys;
