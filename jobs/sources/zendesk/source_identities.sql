-- zendesk_organization -> source_identities: each organization, its external_id (by convention the CRM account id,
-- so of the system of record) and the e-mail domains of its end-user requesters (agents are the vendor's own staff):
-- domains only, the addresses are never landed here.
with

requester_domains as (
    select
        organization_id,
        string_agg(distinct lower(trim(regexp_extract(email, '@([^@]+)$', 1))), ' ') as domains
    from zendesk_user
    where coalesce(nullif(role, ''), 'end-user') = 'end-user'
        and nullif(organization_id, '') is not null
        and email like '%@%'
    group by organization_id
)

select
    'zendesk' as system,
    zendesk_organization.id as source_id,
    'organization' as kind,
    zendesk_organization.name,
    requester_domains.domains,
    cast(null as varchar) as external_system,
    nullif(zendesk_organization.external_id, '') as external_id,
    zendesk_organization.updated_at,
    zendesk_organization._line_number
from zendesk_organization
left join requester_domains
    on requester_domains.organization_id = zendesk_organization.id
