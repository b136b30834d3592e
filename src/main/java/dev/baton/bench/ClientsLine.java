package dev.baton.bench;

/** Concurrent clients asking one query in a loop for a fixed time: how many answers, how fast, how many failed. */
public record ClientsLine(String label, long queries, double queriesPerSecond, double p50Millis, double p95Millis, long errors) {
}
