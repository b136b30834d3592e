package dev.baton.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Creates the CRM deals of one account as its subscription history unfolds. */
final class DealDesk {

    enum Outcome { WON, LOST, OPEN }

    private static final String[] OPEN_STAGES = {"prospecting", "qualification", "discovery", "proposal",
        "negotiation"};
    private static final long DAY = Window.DAY;

    private final AccountProfile acc;
    private final Window w;
    private final SplittableRandom r;
    private final String leadSource;
    private final List<DealRow> deals = new ArrayList<>();

    DealDesk(AccountProfile acc, Window w, SplittableRandom r) {
        this.acc = acc;
        this.w = w;
        this.r = r;
        String[] sources = Vocab.LEAD_SOURCES[acc.channel()];
        this.leadSource = sources[r.nextInt(sources.length)];
    }

    /** The won new-business deal that makes the account a customer; returns its close time. */
    long firstWin(Terms terms) {
        long created = Math.min(minute(acc.createdSec() + r.nextLong(300, 10 * DAY)), w.endSec() - DAY);
        created = Math.max(created, acc.createdSec());
        long closed = closeAfter(created, acc.segment().drawSalesCycleDays(r));
        add(DealRow.NEW_BUSINESS, created, closed, "closed_won", true, terms.acvCents(acc.currency()),
                acc.name() + " - New Business", acc.salesOwner(), leadSource, terms);
        return closed;
    }

    /** Other new-business opportunities on the account: lost, or still open if they started recently. */
    void otherNewBusiness(int count) {
        long span = w.endSec() - DAY - acc.createdSec();
        for (int i = 0; i < count && span > 0; i++) {
            long created = minute(acc.createdSec() + (long) (r.nextDouble() * span));
            int cycle = acc.segment().drawSalesCycleDays(r);
            Terms terms = Terms.initial(acc.segment(), r);
            int owner = Rand.chance(r, 0.8) ? acc.salesOwner() : r.nextInt(Vocab.SALES_OWNERS.length);
            String source = Rand.chance(r, 0.7) ? leadSource : Rand.pick(r, Vocab.ALL_LEAD_SOURCES);
            String name = acc.name() + " - New Business (" + Rand.pick(r, Vocab.DEPARTMENTS) + ")";
            long closeDay = created / DAY + cycle;
            if (closeDay > w.lastEpochDay()) {
                double progress = (double) (w.endSec() - created) / (cycle * DAY);
                String stage = OPEN_STAGES[Math.min(OPEN_STAGES.length - 1, (int) (progress * OPEN_STAGES.length))];
                add(DealRow.NEW_BUSINESS, created, -1, stage, false, terms.acvCents(acc.currency()), name, owner,
                        source, terms);
            } else {
                add(DealRow.NEW_BUSINESS, created, after(created, Rand.businessTime(r, closeDay)), "closed_lost",
                        false, terms.acvCents(acc.currency()), name, owner, source, terms);
            }
        }
    }

    /** Renewal of an annual term ending on {@code boundary}; {@code terms} are the renewed (or lost) terms. */
    void renewal(LocalDate boundary, Terms terms, Outcome outcome) {
        long createdDay = boundary.toEpochDay() - Rand.between(r, 60, 90);
        long closeDay = boundary.toEpochDay() - Rand.between(r, 0, 21);
        long created = Rand.businessTime(r, createdDay);
        if (createdDay > w.lastEpochDay()) {
            return;
        }
        created = Math.min(created, w.endSec() - 3600);
        String name = acc.name() + " - Renewal " + boundary.getYear();
        long amount = terms.acvCents(acc.currency());
        if (outcome == Outcome.LOST && closeDay > w.lastEpochDay()) {
            closeDay = createdDay + r.nextLong(0, w.lastEpochDay() - createdDay + 1);
        }
        if (outcome == Outcome.OPEN || closeDay > w.lastEpochDay()) {
            add(DealRow.RENEWAL, created, -1, Rand.chance(r, 0.5) ? "proposal" : "negotiation", false, amount, name,
                    acc.salesOwner(), leadSource, terms);
        } else {
            boolean won = outcome == Outcome.WON;
            add(DealRow.RENEWAL, created, after(created, Rand.businessTime(r, closeDay)),
                    won ? "closed_won" : "closed_lost", won, amount, name, acc.salesOwner(), leadSource, terms);
        }
    }

    /** An upsell closing shortly before {@code boundary} (inside the window), won or lost. */
    void expansion(LocalDate notBefore, LocalDate boundary, Terms from, Terms to, boolean won) {
        long closeDay = boundary.toEpochDay() - Rand.between(r, 0, 7);
        long created = Rand.businessTime(r, closeDay - Rand.between(r, 14, 45));
        created = Math.max(created, Math.max(Window.seconds(notBefore), acc.createdSec()));
        created = Math.min(created, w.endSec() - 3600);
        long delta = Math.max(to.mrrCents(acc.currency()) - from.mrrCents(acc.currency()), 100) * 12;
        String what = to.plan() != from.plan() ? "upgrade to " + to.plan().label()
                : "+" + Math.max(1, to.quantity() - from.quantity()) + " seats";
        add(DealRow.EXPANSION, created, after(created, Rand.businessTime(r, closeDay)),
                won ? "closed_won" : "closed_lost", won, delta, acc.name() + " - Expansion: " + what,
                acc.salesOwner(), leadSource, to);
    }

    /** A churned customer signs again; the deal closes a few days before the new subscription starts. */
    void winBack(LocalDate churnedOn, LocalDate back, Terms terms) {
        long closeDay = Math.max(back.toEpochDay() - Rand.between(r, 0, 3), churnedOn.toEpochDay());
        long created = Math.max(Rand.businessTime(r, closeDay - Rand.between(r, 20, 45)), Window.seconds(churnedOn));
        created = Math.min(created, w.endSec() - 3600);
        add(DealRow.NEW_BUSINESS, created, after(created, Rand.businessTime(r, closeDay)), "closed_won", true,
                terms.acvCents(acc.currency()), acc.name() + " - Win-back", acc.salesOwner(), leadSource, terms);
    }

    /** All deals ordered by creation time (the order deal ids are assigned in). */
    List<DealRow> deals() {
        List<DealRow> sorted = new ArrayList<>(deals);
        sorted.sort(Comparator.comparingLong(DealRow::createdSec));
        return sorted;
    }

    private void add(String type, long created, long closed, String stage, boolean won, long amountCents,
            String name, int owner, String source, Terms terms) {
        long updated = closed >= 0
                ? closed + minute(r.nextLong(0, 2 * DAY))
                : created + minute((long) (r.nextDouble() * (w.endSec() - created)));
        updated = Math.max(created, Math.min(updated, w.endSec() - 60));
        deals.add(new DealRow(type, created, closed, stage, won, amountCents, name, owner, source, updated, terms));
    }

    /** A close time after {@code created} on roughly {@code days} later, but inside the window. */
    private long closeAfter(long created, int days) {
        long createdDay = created / DAY;
        long closeDay = createdDay + days;
        if (closeDay > w.lastEpochDay()) {
            closeDay = createdDay + r.nextLong(0, w.lastEpochDay() - createdDay + 1);
        }
        return after(created, Rand.businessTime(r, closeDay));
    }

    /** {@code candidate} if it is later than {@code created}, else shortly after it; always before the end. */
    private long after(long created, long candidate) {
        long t = candidate > created ? candidate : created + 1800;
        return Math.min(t, Math.max(created, w.endSec() - 60));
    }

    private static long minute(long seconds) {
        return seconds - Math.floorMod(seconds, 60L);
    }
}
