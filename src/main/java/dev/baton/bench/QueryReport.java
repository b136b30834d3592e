package dev.baton.bench;

import java.io.PrintStream;
import java.util.List;

/** What {@code baton bench --queries} measured, printed as a table and written into the bench JSON. */
public record QueryReport(String database, List<QueryLatency> latencies) {

    public void print(PrintStream out) {
        out.printf("%nDashboard queries on %s (each reader its own read-only connection; rows fetched)%n", database);
        out.printf("  %-30s %7s %5s %7s %10s %10s %10s%n", "query", "readers", "runs", "rows", "p50 ms", "p95 ms", "max ms");
        for (QueryLatency latency : latencies) {
            out.printf("  %-30s %7d %5d %,7d %10.1f %10.1f %10.1f%n", latency.query(), latency.readers(), latency.runs(),
                    latency.rows(), latency.p50Millis(), latency.p95Millis(), latency.maxMillis());
        }
    }
}
