package dev.baton.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.baton.bench.DashboardQueries.NamedQuery;
import dev.baton.warehouse.WarehouseLayout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What analysts feel, measured on a published warehouse: {@code --queries} (the dashboard query set, 1 and 8
 * readers) and {@code --sql-server} (the bridge query from 20 clients through the Flight SQL endpoint against the
 * in-process floor). Either report is null when not asked for.
 */
public record DashboardBench(QueryReport queries, SqlServerBenchReport sqlServer) {

    /** The query the sql-server line serves: the 24-month bridge of the query set. */
    static final String SQL_SERVER_QUERY = "revenue_bridge_24_months";
    static final Duration SQL_SERVER_SECONDS = Duration.ofSeconds(10);

    public static DashboardBench run(WarehouseLayout layout, boolean queries, boolean sqlServer) throws Exception {
        Path published = layout.publishedFile();
        if (!Files.exists(published)) {
            throw new IllegalStateException("no published warehouse at " + published + ": run a night first");
        }
        var set = DashboardQueries.load();
        QueryReport queryReport = null;
        if (queries) {
            System.out.printf("Timing %d dashboard queries on %s with %s concurrent readers ...%n", set.size(), published,
                    QueryBench.READERS);
            queryReport = QueryBench.run(published, set);
        }
        SqlServerBenchReport served = null;
        if (sqlServer) {
            NamedQuery bridge = set.stream().filter(query -> query.name().equals(SQL_SERVER_QUERY)).findFirst().orElseThrow();
            System.out.printf("Timing %s from %d clients through baton sql-server and in-process ...%n", bridge.name(),
                    SqlServerBench.CLIENTS);
            served = SqlServerBench.run(layout, bridge, SQL_SERVER_SECONDS);
        }
        return new DashboardBench(queryReport, served);
    }

    public void print(java.io.PrintStream out) {
        if (queries != null) {
            queries.print(out);
        }
        if (sqlServer != null) {
            sqlServer.print(out);
        }
    }

    /** The bench JSON with this report's parts added as "queries" and "sqlServer" (report may be null). */
    public JsonNode json(JsonMapper mapper, Object report) {
        ObjectNode tree = report == null ? mapper.createObjectNode() : (ObjectNode) mapper.valueToTree(report);
        if (queries != null) {
            tree.set("queries", mapper.valueToTree(queries));
        }
        if (sqlServer != null) {
            tree.set("sqlServer", mapper.valueToTree(sqlServer));
        }
        return tree;
    }
}
