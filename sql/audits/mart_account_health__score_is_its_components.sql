-- The health score is exactly the sum of its five components, each between 0 and 20 points.
select * from mart_account_health
where health_score <> mrr_trend_points + support_load_points + csat_points + handoff_points + nps_points
    or least(mrr_trend_points, support_load_points, csat_points, handoff_points, nps_points) < 0
    or greatest(mrr_trend_points, support_load_points, csat_points, handoff_points, nps_points) > 20
