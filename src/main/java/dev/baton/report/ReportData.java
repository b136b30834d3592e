package dev.baton.report;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rows behind each chart of the report, read from the published marts (one query per chart). */
record ReportData(Map<String, List<Map<String, Object>>> charts) {

    /** Chart name -> the query giving its rows; the page's script knows each chart's columns. */
    static final Map<String, String> QUERIES = queries();

    private static Map<String, String> queries() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("cohortNrr", """
                select strftime(cohort_month, '%Y-%m') as cohort, months_since_start as k, cohort_accounts as accounts, nrr
                from mart_cohort_nrr order by cohort_month, months_since_start""");
        queries.put("mrrBridge", """
                select strftime(month, '%Y-%m') as month, cast(new as double) as new, cast(expansion as double) as expansion,
                    cast(reactivation as double) as reactivation, cast(contraction as double) as contraction,
                    cast(churn as double) as churn, cast(fx as double) as fx, cast(closing_mrr as double) as closing
                from mart_mrr_bridge order by month""");
        queries.put("churnTrend", """
                select strftime(month, '%Y-%m') as month, logo_churn_rate as rate, starting_accounts as accounts,
                    churned_accounts as churned
                from mart_churn_monthly where segment = 'all' order by month""");
        // the latest month in which a channel has both an LTV and a CAC
        queries.put("ltvCac", """
                select acquisition_channel as channel, strftime(month, '%Y-%m') as month, ltv, cac, ltv_cac as ratio
                from (
                    select mart_ltv_cac.*,
                        row_number() over (partition by acquisition_channel order by month desc) as recency
                    from mart_ltv_cac where ltv_cac is not null
                ) as latest
                where recency = 1 order by acquisition_channel""");
        queries.put("handoffRetention", """
                select completeness_band as band, horizon_days as horizon, accounts, grr, nrr, logo_churn_rate as churn
                from mart_handoff_retention
                order by case completeness_band when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end,
                    horizon_days""");
        return queries;
    }

    static ReportData read(Connection connection) throws SQLException {
        Map<String, List<Map<String, Object>>> charts = new LinkedHashMap<>();
        for (Map.Entry<String, String> chart : QUERIES.entrySet()) {
            charts.put(chart.getKey(), rows(connection, chart.getValue()));
        }
        return new ReportData(charts);
    }

    private static List<Map<String, Object>> rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            ResultSetMetaData metaData = resultSet.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (resultSet.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= metaData.getColumnCount(); i++) {
                    row.put(metaData.getColumnLabel(i), resultSet.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
