-- severity: warn
-- An account with more than 3 subscriptions in force on one day (counted on each day one of them starts) is
-- usually an export whose plan changes are new subscriptions that never end the old ones, so MRR is stacked.
select
    starting.account_id,
    starting.start_date as on_day,
    count(distinct in_force.subscription_id) as subscriptions_in_force
from fct_subscription_period as starting
inner join fct_subscription_period as in_force
    on in_force.account_id = starting.account_id
    and in_force.start_date <= starting.start_date
    and (in_force.effective_end_date is null or in_force.effective_end_date > starting.start_date)
group by starting.account_id, starting.start_date
having count(distinct in_force.subscription_id) > 3
