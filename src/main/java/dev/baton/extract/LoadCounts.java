package dev.baton.extract;

/**
 * What became of one delivery's accepted rows: loaded (new keys), updated (new versions of known keys) or unchanged
 * (already landed, or a repeat of a row earlier in the delivery).
 */
record LoadCounts(long loaded, long updated, long unchanged) {
}
