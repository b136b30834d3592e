package dev.baton.bench;

/**
 * One dashboard query at one number of concurrent readers: how often it ran and its latency percentiles (each run
 * from the statement's start to its last row fetched).
 */
public record QueryLatency(String query, int readers, int runs, long rows, double p50Millis, double p95Millis, double maxMillis) {
}
