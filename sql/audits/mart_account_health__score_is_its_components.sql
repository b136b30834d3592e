-- The health score is exactly the sum of its four components, each between 0 and 25 points.
select * from mart_account_health
where health_score <> mrr_trend_points + support_load_points + csat_points + handoff_points
    or least(mrr_trend_points, support_load_points, csat_points, handoff_points) < 0
    or greatest(mrr_trend_points, support_load_points, csat_points, handoff_points) > 25
