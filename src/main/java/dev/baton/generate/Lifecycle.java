package dev.baton.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Simulates one account from its first won deal to the end of the window: an optional trial, then paid rows
 * that end in plan changes, pauses or cancellation (sometimes followed by a win-back), or stay open.
 * Decisions are taken at billing-period boundaries.
 */
final class Lifecycle {

    private enum Event { NONE, CHURN, CHANGE, PAUSE }

    private static final double PLAN_CHANGE_PER_MONTH = 0.02;
    private static final double PAUSE_PER_MONTH = 0.005;
    private static final double REACTIVATION = 0.30;
    private static final double TRIAL_NEVER_CONVERTS = 0.12;
    private static final double OTHER_NEW_BUSINESS_DEALS = 2.2;
    private static final double LOST_UPSELL_PER_PERIOD = 0.03;

    private final AccountProfile acc;
    private final Window w;
    private final SplittableRandom r;
    private final DealDesk desk;
    private final List<SubRow> rows = new ArrayList<>();
    private long firstCloseSec;

    private Lifecycle(AccountProfile acc, Window w, SplittableRandom r) {
        this.acc = acc;
        this.w = w;
        this.r = r;
        this.desk = new DealDesk(acc, w, r);
    }

    static Lifecycle simulate(AccountProfile acc, Window w, SplittableRandom r) {
        Lifecycle life = new Lifecycle(acc, w, r);
        life.run();
        return life;
    }

    /** Subscription rows in start order. */
    List<SubRow> rows() {
        return rows;
    }

    List<DealRow> deals() {
        return desk.deals();
    }

    /** When the account first became a customer (close of its first won deal). */
    long firstCloseSec() {
        return firstCloseSec;
    }

    private void run() {
        Terms terms = Terms.initial(acc.segment(), r);
        firstCloseSec = desk.firstWin(terms);
        desk.otherNewBusiness(Rand.poisson(r, OTHER_NEW_BUSINESS_DEALS));
        LocalDate closeDate = Window.dateOf(firstCloseSec);
        LocalDate first = closeDate.plusDays(r.nextInt(0, 8));
        if (!first.isBefore(w.end())) {
            first = closeDate;
        }
        if (Rand.chance(r, acc.segment().trialRate)) {
            LocalDate trialEnd = first.plusDays(Rand.chance(r, 0.5) ? 14 : 30);
            addRow(first, trialEnd, "trial", terms);
            if (Rand.chance(r, TRIAL_NEVER_CONVERTS) || !trialEnd.isBefore(w.end())) {
                return;
            }
            first = trialEnd;
        }
        subscribe(first, terms);
    }

    private void subscribe(LocalDate from, Terms initial) {
        LocalDate rowStart = from;
        Terms terms = initial;
        while (true) {
            LocalDate boundary;
            Event event;
            int periods = 0;
            while (true) {
                periods++;
                boundary = rowStart.plusMonths((long) periods * terms.billingMonths());
                if (!boundary.isBefore(w.end())) {
                    closeOut(rowStart, boundary, terms);
                    return;
                }
                event = drawEvent(terms);
                if (event != Event.NONE) {
                    break;
                }
                if (terms.annual()) {
                    desk.renewal(boundary, terms, DealDesk.Outcome.WON);
                } else if (acc.segment() != Segment.SMB && Rand.chance(r, LOST_UPSELL_PER_PERIOD)) {
                    desk.expansion(rowStart, boundary, terms, terms.upsell(r), false);
                }
            }
            switch (event) {
                case CHURN -> {
                    addRow(rowStart, boundary, "canceled", terms);
                    if (terms.annual()) {
                        desk.renewal(boundary, terms, DealDesk.Outcome.LOST);
                    }
                    LocalDate back = boundary.plusMonths(Rand.between(r, 2, 8)).plusDays(r.nextInt(0, 28));
                    if (!Rand.chance(r, REACTIVATION) || !back.isBefore(w.end())) {
                        return;
                    }
                    Terms winBack = Terms.initial(acc.segment(), r);
                    desk.winBack(boundary, back, winBack);
                    terms = winBack;
                    rowStart = back;
                }
                case CHANGE -> {
                    Terms next = terms.change(r);
                    addRow(rowStart, boundary, "active", terms);
                    if (terms.annual()) {
                        desk.renewal(boundary, next, DealDesk.Outcome.WON);
                    } else if (next.mrrCents(acc.currency()) > terms.mrrCents(acc.currency())) {
                        desk.expansion(rowStart, boundary, terms, next, true);
                    }
                    terms = next;
                    rowStart = boundary;
                }
                case PAUSE -> {
                    addRow(rowStart, boundary, "active", terms);
                    LocalDate resume = boundary.plusMonths(Rand.between(r, 1, 3));
                    addRow(boundary, resume, "paused", terms);
                    if (!resume.isBefore(w.end())) {
                        return;
                    }
                    rowStart = resume;
                }
                default -> throw new IllegalStateException(event.name());
            }
        }
    }

    /** The row running at the end of the window: open, or an annual term already cancelled for its end date. */
    private void closeOut(LocalDate rowStart, LocalDate boundary, Terms terms) {
        if (terms.annual() && Rand.chance(r, perPeriod(acc.segment().monthlyChurn, 12))) {
            addRow(rowStart, boundary, "canceled", terms);
            desk.renewal(boundary, terms, DealDesk.Outcome.LOST);
        } else {
            addRow(rowStart, null, "active", terms);
            if (terms.annual()) {
                desk.renewal(boundary, terms, DealDesk.Outcome.OPEN);
            }
        }
    }

    private Event drawEvent(Terms terms) {
        int months = terms.billingMonths();
        double churn = perPeriod(acc.segment().monthlyChurn, months);
        double change = perPeriod(PLAN_CHANGE_PER_MONTH, months);
        double pause = terms.annual() ? 0 : perPeriod(PAUSE_PER_MONTH, months);
        double u = r.nextDouble();
        if (u < churn) {
            return Event.CHURN;
        }
        if (u < churn + change) {
            return Event.CHANGE;
        }
        return u < churn + change + pause ? Event.PAUSE : Event.NONE;
    }

    private static double perPeriod(double monthly, int months) {
        return 1 - Math.pow(1 - monthly, months);
    }

    private void addRow(LocalDate start, LocalDate end, String status, Terms terms) {
        LocalDate touched = end != null && end.isBefore(w.end()) ? end : start;
        long updated = Rand.businessTime(r, touched.toEpochDay());
        updated = Math.max(acc.createdSec(), Math.min(updated, w.endSec() - 60));
        rows.add(new SubRow(start, end, status, terms, updated));
    }
}
