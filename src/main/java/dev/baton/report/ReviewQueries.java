package dev.baton.report;

import java.time.YearMonth;
import java.util.List;

import dev.baton.report.ReportData.DataSet;

/**
 * The rows of the monthly Sales x CS review, for one complete month: the deals won in it with their hand-off, the
 * accounts whose health turned red in it, the expansions and the churns of the month with the last support and
 * hand-off facts known by its end. The month is a literal built from a {@link YearMonth}, never from user text.
 */
final class ReviewQueries {

    private ReviewQueries() {
    }

    static List<DataSet> dataSets(YearMonth review) {
        String month = "date '" + review.atDay(1) + "'";
        String previous = "date '" + review.minusMonths(1).atDay(1) + "'";
        String next = "date '" + review.plusMonths(1).atDay(1) + "'";
        return List.of(
                new DataSet("reviewWins", List.of("mart_handoff_quality", "dim_account"), """
                        select a.account_name, a.segment, q.*
                        from mart_handoff_quality as q left join dim_account as a on a.account_id = q.account_id
                        where q.closed_month = %s order by q.sales_owner, q.amount_reporting desc, q.deal_id""".formatted(month)),
                new DataSet("reviewRed", List.of("mart_account_health", "dim_account"), """
                        select a.csm_owner, a.sales_owner, a.segment, a.account_name, h.account_id, h.health_score, h.mrr,
                            h.mrr_trend_points, h.support_load_points, h.csat_points, h.handoff_points, h.nps_points,
                            before.health_band as previous_band
                        from mart_account_health as h
                        join dim_account as a on a.account_id = h.account_id
                        left join mart_account_health as before on before.account_id = h.account_id and before.month_start = %s
                        where h.month_start = %s and h.health_band = 'red' and coalesce(before.health_band, '') <> 'red'
                        order by a.csm_owner, h.mrr desc, h.account_id""".formatted(previous, month)),
                new DataSet("reviewExpansions", List.of("fct_mrr_movement", "dim_account"), """
                        select a.account_name, a.segment, a.sales_owner, a.csm_owner, m.account_id, m.opening_mrr,
                            m.expansion_mrr, m.closing_mrr
                        from fct_mrr_movement as m join dim_account as a on a.account_id = m.account_id
                        where m.month_start = %s and m.expansion_mrr > 0
                        order by m.expansion_mrr desc, m.account_id""".formatted(month)),
                // why: the last ticket and hand-off are ranked for the churned accounts only, not for every account
                // (ranking every account's 1.4M tickets took 1.2-2.2 s of the 6-8 s report at 100k accounts; 0.2-0.3 s so)
                new DataSet("reviewChurns", List.of("fct_mrr_movement", "dim_account", "fct_ticket", "fct_handoff",
                        "mart_support_before_churn_account_month"), """
                        with churned as (
                            select account_id from fct_mrr_movement where month_start = %1$s and churned_mrr > 0
                        )
                        select a.account_name, a.segment, a.sales_owner, a.csm_owner, m.account_id, m.churned_mrr,
                            t.created_at as last_ticket_at, t.priority as last_ticket_priority, t.status as last_ticket_status,
                            t.csat_score as last_ticket_csat, support.tickets_opened_3m, support.escalations_3m,
                            h.handed_off_at, h.items_filled as handoff_items, h.completeness_score as handoff_completeness
                        from fct_mrr_movement as m
                        join dim_account as a on a.account_id = m.account_id
                        left join (
                            select account_id, created_at, priority, status, csat_score,
                                row_number() over (partition by account_id order by created_at desc, ticket_id desc) as recency
                            from fct_ticket where created_at < %3$s and account_id in (select account_id from churned)
                        ) as t on t.account_id = m.account_id and t.recency = 1
                        left join mart_support_before_churn_account_month as support
                            on support.account_id = m.account_id and support.month_start = %1$s
                        left join (
                            select account_id, handed_off_at, items_filled, completeness_score,
                                row_number() over (partition by account_id order by handed_off_at desc, deal_id desc) as recency
                            from fct_handoff where handed_off_at < %3$s and account_id in (select account_id from churned)
                        ) as h on h.account_id = m.account_id and h.recency = 1
                        where m.month_start = %1$s and m.churned_mrr > 0
                        order by m.churned_mrr desc, m.account_id""".formatted(month, previous, next)));
    }
}
