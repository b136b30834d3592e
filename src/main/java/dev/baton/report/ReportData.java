package dev.baton.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the report shows, read from the published marts: {@code meta} (run date, version, review month,
 * freshness, filter values), one row list per data set, and {@code missing} (data set -> the table it lacks), so the
 * page says which sections have no data instead of drawing nothing. The page's script knows each data set's columns.
 */
record ReportData(Map<String, Object> data) {

    /** What one data set needs and the query giving its rows. */
    record DataSet(String name, List<String> tables, String sql) {
    }

    static ReportData read(Connection connection, LocalDate runDate, String version) throws SQLException {
        MartReader marts = new MartReader(connection);
        YearMonth review = reviewMonth(runDate);
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> missing = new LinkedHashMap<>();
        data.put("meta", meta(marts, runDate, version, review));
        List<DataSet> sets = new ArrayList<>(ReportQueries.dataSets(review));
        sets.addAll(ReviewQueries.dataSets(review));
        for (DataSet set : sets) {
            String absent = marts.missing(set.tables());
            if (absent != null) {
                missing.put(set.name(), absent);
                data.put(set.name(), List.of());
            } else {
                data.put(set.name(), marts.columnar(set.sql()));
            }
        }
        data.put("missing", missing);
        return new ReportData(data);
    }

    /** The last month that has ended on the run date: the run month itself only when the run date is its last day. */
    static YearMonth reviewMonth(LocalDate runDate) {
        YearMonth month = YearMonth.from(runDate);
        return runDate.equals(month.atEndOfMonth()) ? month : month.minusMonths(1);
    }

    private static Map<String, Object> meta(MartReader marts, LocalDate runDate, String version, YearMonth review)
            throws SQLException {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("runDate", runDate.toString());
        meta.put("version", version);
        meta.put("reviewMonth", review.atDay(1).toString());
        meta.put("runMonthIsPartial", !runDate.equals(YearMonth.from(runDate).atEndOfMonth()));
        meta.put("currency", marts.hasColumn("run_context", "reporting_currency")
                ? marts.value("select reporting_currency from run_context limit 1") : null);
        Map<String, Object> freshness = new LinkedHashMap<>();
        freshness(marts, freshness, "subscriptions", "fct_subscription_period", "start_date");
        freshness(marts, freshness, "deals", "fct_deal", "created_at");
        freshness(marts, freshness, "tickets", "fct_ticket", "created_at");
        freshness(marts, freshness, "hand-offs", "fct_handoff", "handed_off_at");
        meta.put("freshness", freshness);
        meta.put("segments", marts.hasColumn("dim_account", "segment")
                ? marts.rows("select distinct segment as value from dim_account where segment is not null order by 1") : List.of());
        meta.put("owners", marts.hasColumn("dim_account", "csm_owner") ? marts.rows("""
                select owner as value, string_agg(distinct role, ' + ' order by role) as role from (
                    select sales_owner as owner, 'sales' as role from dim_account
                    union all select csm_owner, 'CSM' from dim_account
                ) as owners where owner is not null group by owner order by owner""") : List.of());
        return meta;
    }

    /** The newest date a fact feed holds, as text (yyyy-mm-dd), when the table is there. */
    private static void freshness(MartReader marts, Map<String, Object> freshness, String feed, String table, String column)
            throws SQLException {
        if (marts.hasColumn(table, column)) {
            Object newest = marts.value("select strftime(max(" + column + "), '%Y-%m-%d') from " + table);
            freshness.put(feed, newest);
        }
    }
}
