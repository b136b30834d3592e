package dev.baton.generate;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Turns one simulated account into rows of the per-account files, numbering deals, rows and tickets. */
final class EntityWriter {

    static final String ANALYTICS = "analytics";
    /** Per seat per month, for the seats of the platform row it was bought beside. */
    private static final String ANALYTICS_PRICE = "9.00";
    private static final double ADD_ON_SHARE = 0.12;
    private static final double CS_LED_EXPANSION_SHARE = 0.4;

    private final Window w;
    private final CsvSink accounts;
    private final CsvSink deals;
    private final CsvSink subscriptions;
    private final CsvSink tickets;
    private final CsvSink handoffs;
    private long dealSeq;
    private long subscriptionSeq;
    private long ticketSeq;
    /** Accounts written so far: the ones a referral can name as its referrer. */
    private final List<String> earlierAccounts = new ArrayList<>();

    EntityWriter(Window w, CsvSink accounts, CsvSink deals, CsvSink subscriptions, CsvSink tickets,
            CsvSink handoffs) {
        this.w = w;
        this.accounts = accounts;
        this.deals = deals;
        this.subscriptions = subscriptions;
        this.tickets = tickets;
        this.handoffs = handoffs;
    }

    void write(AccountProfile acc, List<SubRow> rows, List<DealRow> dealRows, List<TicketRow> ticketRows,
            SplittableRandom r) throws IOException {
        long updated = acc.createdSec();
        for (DealRow d : dealRows) {
            updated = Math.max(updated, d.updatedSec());
        }
        for (SubRow s : rows) {
            updated = Math.max(updated, s.updatedSec());
        }
        accounts.row(acc.id(), acc.name(), acc.segment().code, acc.industry(), acc.country(), acc.channelCode(),
                acc.salesOwnerName(), acc.csmOwnerName(), Fmt.timestamp(acc.createdSec()), Fmt.timestamp(updated));
        String currency = acc.currency().name();
        // why: a stream of its own per account, so referrals and add-ons leave every other generated row as it was
        SplittableRandom extra = new SplittableRandom(acc.id().hashCode() * 0x9E3779B97F4A7C15L);
        String referrer = earlierAccounts.isEmpty() ? "" : earlierAccounts.get(extra.nextInt(earlierAccounts.size()));
        for (DealRow d : dealRows) {
            String dealId = Fmt.id('D', ++dealSeq, 6);
            deals.row(dealId, acc.id(), d.name(), d.type(), d.stage(), Fmt.money(d.amountCents()), currency,
                    Fmt.timestamp(d.createdSec()), Fmt.timestampOrBlank(d.closedSec()), Boolean.toString(d.won()),
                    owner(acc, d, extra), d.leadSource(), Fmt.timestamp(d.updatedSec()),
                    "referral".equals(d.leadSource()) ? referrer : "");
            if (d.needsHandoff()) {
                writeHandoff(acc, dealId, d, r);
            }
        }
        for (SubRow s : rows) {
            Terms t = s.terms();
            subscriptions.row(Fmt.id('S', ++subscriptionSeq, 6), acc.id(), t.plan().code(),
                    Integer.toString(t.quantity()), Fmt.money(t.amountCents(acc.currency())), currency,
                    Integer.toString(t.billingMonths()), Integer.toString(t.discountPct()), Fmt.date(s.start()),
                    Fmt.date(s.end()), s.status(), Fmt.timestamp(s.updatedSec()));
        }
        SubRow addOn = analyticsAddOn(rows, extra);
        if (addOn != null) {
            subscriptions.row(Fmt.id('S', ++subscriptionSeq, 6), acc.id(), ANALYTICS,
                    Integer.toString(addOn.terms().quantity()), ANALYTICS_PRICE, currency, "1",
                    "0", Fmt.date(addOn.start()), Fmt.date(addOn.end()), addOn.status(), Fmt.timestamp(addOn.updatedSec()));
        }
        earlierAccounts.add(acc.id());
        for (TicketRow t : ticketRows) {
            tickets.row(Fmt.id('T', ++ticketSeq, 6), acc.id(), Fmt.timestamp(t.createdSec()),
                    Fmt.timestampOrBlank(t.firstResponseSec()), Fmt.timestampOrBlank(t.solvedSec()), t.status(),
                    t.priority(), t.channel(), t.csat() == 0 ? "" : Integer.toString(t.csat()), t.requesterEmail(),
                    Fmt.timestamp(t.updatedSec()));
        }
    }

    /** The account's CSM closes about two expansions in five (CS-led expansion); Sales closes the rest and every other deal. */
    private static String owner(AccountProfile acc, DealRow d, SplittableRandom extra) {
        boolean csLed = DealRow.EXPANSION.equals(d.type()) && extra.nextDouble() < CS_LED_EXPANSION_SHARE;
        return csLed ? acc.csmOwnerName() : Vocab.SALES_OWNERS[d.owner()];
    }

    /**
     * About one customer in eight adds the analytics add-on (a product line of its own, so cross-sell) 2 to 9 months
     * after it started, while a paying row is in force, for that row's seats; the add-on lasts as long as the chain of rows it starts in.
     */
    private SubRow analyticsAddOn(List<SubRow> rows, SplittableRandom extra) {
        if (rows.isEmpty() || extra.nextDouble() >= ADD_ON_SHARE) {
            return null;
        }
        LocalDate from = rows.get(0).start().plusMonths(extra.nextInt(2, 10));
        if (from.toEpochDay() > w.lastEpochDay()) {
            return null;
        }
        for (int i = 0; i < rows.size(); i++) {
            SubRow s = rows.get(i);
            boolean paying = "active".equals(s.status()) || "canceled".equals(s.status());
            if (!paying || s.start().isAfter(from) || (s.end() != null && !s.end().isAfter(from))) {
                continue;
            }
            int last = i;
            while (last + 1 < rows.size() && rows.get(last).end() != null && rows.get(last).end().equals(rows.get(last + 1).start())) {
                last++;
            }
            SubRow end = rows.get(last);
            String status = end.end() == null ? "active" : "paused".equals(end.status()) || "trial".equals(end.status()) ? "active" : end.status();
            long updated = Math.min(Math.max(Window.seconds(from), end.updatedSec()), w.endSec() - 60);
            return new SubRow(from, end.end(), status, s.terms(), updated);
        }
        return null;
    }

    /** Hand-off 0-20 days after the close, always inside the window. */
    private void writeHandoff(AccountProfile acc, String dealId, DealRow d, SplittableRandom r) throws IOException {
        long at = d.closedSec() + r.nextLong(0, 20 * Window.DAY);
        if (at >= w.endSec()) {
            at = d.closedSec() + (long) (r.nextDouble() * (w.endSec() - d.closedSec()));
        }
        at -= Math.floorMod(at, 60L);
        at = Math.max(at, d.closedSec());
        String[] items = HandoffText.items(acc, d, r);
        Object[] values = new Object[5 + HandoffText.ITEMS];
        values[0] = dealId;
        values[1] = acc.id();
        values[2] = Fmt.timestamp(at);
        values[3] = Vocab.SALES_OWNERS[d.owner()];
        values[4] = acc.csmOwnerName();
        System.arraycopy(items, 0, values, 5, HandoffText.ITEMS);
        handoffs.row(values);
    }
}
