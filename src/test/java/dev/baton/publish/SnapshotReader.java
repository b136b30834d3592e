package dev.baton.publish;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A dashboard in its own JVM, started by {@link ConcurrentReaderFunctionalTests}. Mode {@code fresh} opens a new
 * read-only connection per query (as a BI pool with short-lived connections does); mode {@code hold} keeps one
 * connection for its whole life. Every query checks that the snapshot is whole: the bridge balances in every
 * month and ends in the month of the run date in {@code run_context}. Runs until the stop file exists, then
 * prints {@code queries=, run_dates=, errors=} lines.
 */
public final class SnapshotReader {

    static final String CHECK = """
            select
                (select cast(run_date as varchar) from run_context) as run_date,
                (select count(*) from mart_mrr_bridge
                 where opening_mrr + new + expansion - contraction - churn + reactivation + fx <> closing_mrr) as unbalanced,
                (select count(*) from mart_mrr_bridge) as months,
                (select cast(max(month) as varchar) from mart_mrr_bridge) as last_month,
                (select sum(closing_mrr) from mart_mrr_bridge)
                    = (select sum(mrr) from fct_mrr_month) as bridge_matches_fact""";

    public static void main(String[] args) throws Exception {
        String url = "jdbc:duckdb:" + Path.of(args[0]).toAbsolutePath() + ";access_mode=READ_ONLY";
        boolean hold = args[1].equals("hold");
        Path stopFile = Path.of(args[2]);
        Set<String> runDates = new LinkedHashSet<>();
        List<String> errors = new ArrayList<>();
        long queries = 0;
        Connection held = hold ? DriverManager.getConnection(url) : null;
        while (!Files.exists(stopFile)) {
            try (Connection connection = hold ? null : DriverManager.getConnection(url)) {
                String problem = check(hold ? held : connection, runDates);
                if (problem != null) {
                    errors.add(problem);
                }
            } catch (Exception e) {
                errors.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            queries++;
            if (queries == 1) {
                System.out.println("ready");
                System.out.flush();
            }
            Thread.sleep(20); // a busy dashboard, not a benchmark: leave the writer its share of two cores
        }
        if (held != null) {
            held.close();
        }
        System.out.println("queries=" + queries);
        System.out.println("run_dates=" + String.join(",", runDates));
        System.out.println("errors=" + errors.size());
        errors.stream().distinct().limit(5).forEach(error -> System.out.println("error: " + error));
        System.out.flush();
    }

    private static String check(Connection connection, Set<String> runDates) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(CHECK)) {
            row.next();
            String runDate = row.getString("run_date");
            runDates.add(runDate);
            if (row.getLong("unbalanced") != 0 || row.getLong("months") == 0) {
                return "bridge does not balance in " + row.getLong("unbalanced") + " of " + row.getLong("months") + " months";
            }
            if (!row.getString("last_month").equals(runDate.substring(0, 8) + "01")) {
                return "bridge ends in " + row.getString("last_month") + " but the run date is " + runDate;
            }
            if (!row.getBoolean("bridge_matches_fact")) {
                return "bridge and fct_mrr_month disagree for run date " + runDate;
            }
            return null;
        }
    }
}
