package dev.baton.bench;

import java.io.PrintStream;

/** What {@code baton bench --sql-server} measured: the served query and its in-process floor. */
public record SqlServerBenchReport(String query, int clients, long secondsEach, ClientsLine sqlServer, ClientsLine floor) {

    public void print(PrintStream out) {
        out.printf("%nsql-server: query %s, %d concurrent clients, %d s each%n", query, clients, secondsEach);
        for (ClientsLine line : new ClientsLine[] {sqlServer, floor}) {
            out.printf("  %-34s %,9d queries %9.1f queries/s   p50 %8.1f ms   p95 %8.1f ms   errors %d%n", line.label(),
                    line.queries(), line.queriesPerSecond(), line.p50Millis(), line.p95Millis(), line.errors());
        }
    }
}
