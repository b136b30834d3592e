package dev.baton.report;

import java.time.YearMonth;
import java.util.List;

import dev.baton.report.ReportData.DataSet;

/**
 * The data sets behind the report's sections. Small marts go in whole ({@code select *}, so a column a mart gains,
 * such as {@code is_partial_month} or {@code ltv_is_capped}, reaches the page); account-grain marts are summed per
 * month, segment, sales owner and CSM, so the page can filter by segment and owner offline by adding rows up.
 * Only additive measures are summed here; every rate is recomputed on the page from those sums.
 */
final class ReportQueries {

    private ReportQueries() {
    }

    static List<DataSet> dataSets(YearMonth review) {
        String from = "date '" + review.minusMonths(11).atDay(1) + "'";
        return List.of(
                new DataSet("bridge", List.of("mart_mrr_bridge"), "select * from mart_mrr_bridge order by month"),
                new DataSet("churn", List.of("mart_churn_monthly"), "select * from mart_churn_monthly order by month, segment"),
                new DataSet("retention", List.of("mart_retention_monthly"), "select * from mart_retention_monthly order by month"),
                new DataSet("movements", List.of("fct_mrr_movement", "dim_account"), """
                        select m.month_start as month, a.segment, a.sales_owner, a.csm_owner,
                            sum(m.new_mrr) as new, sum(m.expansion_mrr) as expansion, sum(m.contraction_mrr) as contraction,
                            sum(m.churned_mrr) as churn, sum(m.reactivation_mrr) as reactivation, sum(m.fx_mrr) as fx,
                            sum(m.opening_mrr) as opening_mrr, sum(m.closing_mrr) as closing_mrr
                        from fct_mrr_movement as m join dim_account as a on a.account_id = m.account_id
                        group by all order by month"""),
                new DataSet("cohort", List.of("mart_cohort_nrr"), """
                        select cohort_month, months_since_start, cohort_accounts, starting_mrr, mrr, retained_mrr, nrr, grr,
                            logo_retention
                        from mart_cohort_nrr order by cohort_month, months_since_start"""),
                new DataSet("cohortByDimension", List.of("mart_cohort_nrr_by_dimension"), """
                        select dimension, dimension_value, cohort_month, months_since_start, cohort_accounts, starting_mrr, mrr,
                            retained_mrr, nrr, grr
                        from mart_cohort_nrr_by_dimension order by dimension, dimension_value, cohort_month, months_since_start"""),
                new DataSet("ltvCac", List.of("mart_ltv_cac"), "select * from mart_ltv_cac order by month, acquisition_channel"),
                new DataSet("funnel", List.of("mart_funnel"), "select * from mart_funnel order by created_month"),
                new DataSet("handoffOwner", List.of("mart_handoff_quality_owner_month"), """
                        select * from mart_handoff_quality_owner_month where closed_month >= %s order by sales_owner, closed_month"""
                        .formatted(from)),
                new DataSet("handoffRetention", List.of("mart_handoff_retention"), """
                        select * from mart_handoff_retention
                        order by case completeness_band when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end,
                            horizon_days"""),
                new DataSet("support", List.of("mart_support_account_month", "dim_account"), """
                        select s.month_start as month, a.segment, a.sales_owner, a.csm_owner, sum(s.tickets_opened) as tickets,
                            sum(s.tickets_solved) as solved, sum(s.escalations) as escalations, sum(s.seats) as seats,
                            sum(s.mrr) as mrr, sum(s.csat_avg * s.csat_responses) as csat_points, sum(s.csat_responses) as csat_responses
                        from mart_support_account_month as s join dim_account as a on a.account_id = s.account_id
                        where s.month_start >= %s group by all order by month""".formatted(from)),
                // medians do not add up, so they are taken per filter value: all, each segment, each CSM
                new DataSet("supportTimes", List.of("fct_ticket", "dim_account"), """
                        select t.created_month as month, a.segment, a.csm_owner, grouping(a.segment) = 1 and grouping(a.csm_owner) = 1 as total,
                            count(*) as tickets, median(t.first_response_hours) as median_first_response_hours,
                            median(t.resolution_hours) as median_resolution_hours
                        from fct_ticket as t join dim_account as a on a.account_id = t.account_id
                        where t.created_month >= %s
                        group by grouping sets ((t.created_month), (t.created_month, a.segment), (t.created_month, a.csm_owner))
                        order by month""".formatted(from)),
                new DataSet("supportBeforeChurn", List.of("mart_support_before_churn"),
                        "select * from mart_support_before_churn order by outcome"),
                // the segment x CSM pairs only: they are disjoint, so the page sums them under any filter
                new DataSet("nps", List.of("mart_nps_monthly"), """
                        select month_start as month, segment, csm_owner, responses, promoters, passives, detractors
                        from mart_nps_monthly
                        where segment <> 'all' and csm_owner <> 'all' and responses > 0 and month_start >= %s
                        order by month""".formatted(from)),
                new DataSet("npsOutcomes", List.of("mart_nps_outcomes"), "select * from mart_nps_outcomes order by nps_category"),
                new DataSet("health", List.of("mart_account_health", "dim_account"), """
                        select h.month_start as month, a.segment, a.sales_owner, a.csm_owner, h.health_band as band,
                            count(*) as accounts, sum(h.mrr) as mrr, sum(h.health_score) as score,
                            sum(h.mrr_trend_points) as mrr_trend_points, sum(h.support_load_points) as support_load_points,
                            sum(h.csat_points) as csat_points, sum(h.handoff_points) as handoff_points,
                            sum(h.nps_points) as nps_points
                        from mart_account_health as h join dim_account as a on a.account_id = h.account_id
                        where h.month_start >= %s group by all order by month""".formatted(from)),
                // rows only when the job resolves identities (kind: identities); the page then shows them under revenue
                new DataSet("identity", List.of("mart_identity_coverage"),
                        "select * from mart_identity_coverage order by system, rule"),
                new DataSet("scorecard", List.of("mart_owner_scorecard"), """
                        select * from mart_owner_scorecard where month_start >= %s order by owner_role, owner, month_start"""
                        .formatted(from)));
    }
}
