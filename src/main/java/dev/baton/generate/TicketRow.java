package dev.baton.generate;

/** One support ticket; -1 for a missing timestamp and 0 for a missing CSAT score. */
record TicketRow(
        long createdSec,
        long firstResponseSec,
        long solvedSec,
        String status,
        String priority,
        String channel,
        int csat,
        String requesterEmail,
        long updatedSec) {
}
