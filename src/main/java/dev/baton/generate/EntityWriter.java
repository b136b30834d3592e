package dev.baton.generate;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/** Turns one simulated account into rows of the per-account files, numbering deals, rows and tickets. */
final class EntityWriter {

    private final Window w;
    private final CsvSink accounts;
    private final CsvSink deals;
    private final CsvSink subscriptions;
    private final CsvSink tickets;
    private final CsvSink handoffs;
    private long dealSeq;
    private long subscriptionSeq;
    private long ticketSeq;

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
        for (DealRow d : dealRows) {
            String dealId = Fmt.id('D', ++dealSeq, 6);
            deals.row(dealId, acc.id(), d.name(), d.type(), d.stage(), Fmt.money(d.amountCents()), currency,
                    Fmt.timestamp(d.createdSec()), Fmt.timestampOrBlank(d.closedSec()), Boolean.toString(d.won()),
                    Vocab.SALES_OWNERS[d.owner()], d.leadSource(), Fmt.timestamp(d.updatedSec()));
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
        for (TicketRow t : ticketRows) {
            tickets.row(Fmt.id('T', ++ticketSeq, 6), acc.id(), Fmt.timestamp(t.createdSec()),
                    Fmt.timestampOrBlank(t.firstResponseSec()), Fmt.timestampOrBlank(t.solvedSec()), t.status(),
                    t.priority(), t.channel(), t.csat() == 0 ? "" : Integer.toString(t.csat()), t.requesterEmail(),
                    Fmt.timestamp(t.updatedSec()));
        }
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
