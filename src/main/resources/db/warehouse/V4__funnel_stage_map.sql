-- CRM stage -> furthest funnel stage reached, filled from the job file's funnel-stages step on every run.
create table funnel_stage_map (
    crm_stage varchar not null,
    funnel_stage varchar not null,
    funnel_rank integer not null
);
