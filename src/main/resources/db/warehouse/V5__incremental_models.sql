-- Models rebuilt one account at a time: what a night's deliveries changed, and how each model was last built.

-- The accounts whose rows a night loaded or updated, per entity; an entity without accounts (fx_rates, spend)
-- has one row with no account when anything of it changed. Emptied for every build.
create table night_changes (
    entity varchar not null,
    account_id varchar
);

-- How each model was built, carried from night to night: a model may be rebuilt for the changed accounts only
-- when its SQL and the settings it was built with (the fingerprint) are the same as last night.
create table model_builds (
    model varchar not null,
    fingerprint varchar not null,
    run_date date not null,
    build varchar not null check (build in ('full', 'accounts', 'kept')),
    -- what changed in its rows since last night: nothing, the rows of some accounts, or anything
    changed varchar not null check (changed in ('none', 'accounts', 'all')),
    accounts bigint, -- how many accounts a build for the changed accounts rebuilt
    seconds double not null
);
