package dev.baton.generate;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A generated row as the source system showed it at a cutoff: the generator simulates every account to the end of
 * its window, and this view takes away what had not happened yet. A row created after the cutoff is absent; a
 * ticket not yet answered or solved is open or pending; a deal not yet closed sits in the open stage its progress
 * has reached; a subscription period whose end (a cancellation, a plan change, a resume) is recorded after the
 * cutoff is still open. {@code updated_at} is the last change before the cutoff.
 *
 * <p>Timestamps are the generator's fixed-width ISO strings ({@code 2025-12-28T14:03:00Z}) and dates
 * {@code 2025-12-28}, so they compare as strings. Spend and fx rates are reference data and never change.
 */
final class AsOfView {

    private static final String[] OPEN_STAGES = {"prospecting", "qualification", "discovery", "proposal",
        "negotiation"};

    private final String cutoffTimestamp;
    private final String cutoffDate;

    /** The view at midnight UTC starting {@code day}: everything that happened on earlier days. */
    AsOfView(LocalDate day) {
        this.cutoffDate = Fmt.date(day);
        this.cutoffTimestamp = Fmt.timestamp(Window.seconds(day));
    }

    /** The row as of the cutoff, or null while it did not exist yet; {@code row} is not changed. */
    String[] view(LandingFile file, String[] row) {
        return switch (file) {
            case ACCOUNTS -> accounts(row);
            case DEALS -> deals(row);
            case SUBSCRIPTIONS -> subscriptions(row);
            case TICKETS -> tickets(row);
            case HANDOFFS -> before(row[2]) ? row : null;
            case SURVEY_RESPONSES -> before(row[5]) ? row : null;
            case SPEND, FX_RATES -> row;
        };
    }

    private String[] accounts(String[] row) {
        if (!before(row[8])) {
            return null;
        }
        if (before(row[9])) {
            return row;
        }
        // why: the generator keeps only the last change of an account; an account whose last change is still to
        // come shows its creation instead
        String[] seen = row.clone();
        seen[9] = row[8];
        return seen;
    }

    private String[] deals(String[] row) {
        String created = row[7];
        String closed = row[8];
        if (!before(created)) {
            return null;
        }
        String[] seen = row.clone();
        if (!closed.isEmpty() && !before(closed)) {
            // why: still open at the cutoff; it passes through the open stages evenly between creation and close
            long from = seconds(created);
            long to = seconds(closed);
            long now = seconds(cutoffTimestamp);
            int stage = (int) Math.min(OPEN_STAGES.length - 1, (now - from) * OPEN_STAGES.length / Math.max(1, to - from));
            long entered = from + (to - from) * stage / OPEN_STAGES.length;
            seen[4] = OPEN_STAGES[stage];
            seen[8] = "";
            seen[9] = "false";
            seen[12] = Fmt.timestamp(Math.max(from, entered - Math.floorMod(entered, 60L)));
        } else if (!before(row[12])) {
            seen[12] = closed.isEmpty() ? created : closed;
            if (closed.isEmpty()) {
                seen[4] = OPEN_STAGES[0];
            }
        }
        return seen;
    }

    private String[] subscriptions(String[] row) {
        String start = row[8];
        String updated = row[11];
        if (start.compareTo(cutoffDate) >= 0 && !before(updated)) {
            return null;
        }
        if (before(updated)) {
            return row;
        }
        // why: the generator records a period's end (cancellation, plan change, resume) on the day it takes
        // effect; before that day the period is open and was last touched when it began
        String[] seen = row.clone();
        seen[9] = "";
        if (row[10].equals("canceled")) {
            seen[10] = "active";
        }
        seen[11] = start + "T09:00:00Z";
        return seen;
    }

    private String[] tickets(String[] row) {
        if (!before(row[2])) {
            return null;
        }
        String[] seen = row.clone();
        if (!row[4].isEmpty() && !before(row[4])) {
            seen[4] = "";
            seen[8] = "";
            seen[5] = "pending";
        }
        if (!row[3].isEmpty() && !before(row[3])) {
            seen[3] = "";
            seen[5] = "open";
        }
        String updated = seen[2];
        for (String at : new String[] {seen[3], seen[4]}) {
            if (at.compareTo(updated) > 0) {
                updated = at;
            }
        }
        seen[10] = updated;
        return seen;
    }

    private boolean before(String timestamp) {
        return timestamp.compareTo(cutoffTimestamp) < 0;
    }

    private static long seconds(String timestamp) {
        return Instant.parse(timestamp).getEpochSecond();
    }
}
