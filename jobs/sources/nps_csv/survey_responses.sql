-- nps_export -> survey_responses: an answer is not edited after it is submitted, so its version is its time
select
    response_id,
    company_id as account_id,
    email as respondent_email,
    'nps' as survey,
    score,
    submitted_at as responded_at,
    submitted_at as updated_at,
    _line_number
from nps_export
