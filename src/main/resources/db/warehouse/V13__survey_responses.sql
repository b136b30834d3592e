-- Survey responses (NPS, CSAT, CES) as a landing entity. Optional like every entity: a landing folder without a
-- survey_responses file lands no rows. respondent_email is landed only as its keyed hash, like ticket requesters.
-- Each score range is its own CHECK written score-first, so a quarantined row names the score column and the
-- survey's range as its reason.
create table landed_survey_responses (
    response_id varchar not null,
    account_id varchar not null,
    respondent_email_hash varchar,
    survey varchar not null check (survey in ('nps', 'csat', 'ces')),
    score integer not null,
    responded_at timestamptz not null,
    updated_at timestamptz,
    _source_file varchar not null,
    _line_number bigint not null,
    check (score between 0 and 10 or survey <> 'nps'),
    check (score between 1 and 5 or survey <> 'csat'),
    check (score between 1 and 7 or survey <> 'ces')
);

comment on column landed_survey_responses.response_id is 'natural key';
comment on column landed_survey_responses.respondent_email_hash is 'hmac-sha256 of respondent_email';
