package dev.baton.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Support tickets of one account: a Poisson number per subscribed month, worked during business hours. */
final class TicketGenerator {

    private static final String[] PRIORITIES = {"low", "normal", "high", "urgent"};
    private static final double[] PRIORITY_WEIGHTS = {25, 50, 18, 7};
    /** Upper bound of the first-response time in hours, per priority. */
    private static final double[] MAX_RESPONSE_HOURS = {48, 24, 8, 2};
    private static final String[] CHANNELS = {"email", "chat", "phone", "web"};
    private static final double[] CSAT_WEIGHTS = {6, 7, 12, 30, 45};
    private static final double DAYS_PER_MONTH = 30.44;

    private TicketGenerator() {
    }

    static List<TicketRow> generate(AccountProfile acc, Lifecycle life, Window w, SplittableRandom r) {
        List<TicketRow> tickets = new ArrayList<>();
        double[] channelWeights = acc.segment() == Segment.ENTERPRISE
                ? new double[] {35, 20, 25, 20} : new double[] {40, 25, 10, 25};
        for (SubRow row : life.rows()) {
            long from = Math.max(Window.seconds(row.start()), life.firstCloseSec());
            long to = Math.min(row.end() == null ? w.endSec() : Window.seconds(row.end()), w.endSec());
            if (to <= from) {
                continue;
            }
            double factor = switch (row.status()) {
                case "trial" -> 1.5;
                case "paused" -> 0.2;
                default -> 1.0;
            };
            double months = (to - from) / (DAYS_PER_MONTH * Window.DAY);
            int count = Rand.poisson(r, acc.segment().ticketsPerMonth * factor * months);
            for (int i = 0; i < count; i++) {
                long raw = from + r.nextLong(to - from);
                long created = Rand.businessTime(r, Rand.workday(r, raw / Window.DAY));
                if (created < from || created >= to) {
                    created = raw - Math.floorMod(raw, 60L);
                }
                tickets.add(ticket(acc, w, r, created, channelWeights));
            }
        }
        tickets.sort(Comparator.comparingLong(TicketRow::createdSec));
        return tickets;
    }

    private static TicketRow ticket(AccountProfile acc, Window w, SplittableRandom r, long created,
            double[] channelWeights) {
        int priority = Rand.weighted(r, PRIORITY_WEIGHTS);
        String channel = CHANNELS[Rand.weighted(r, channelWeights)];
        AccountProfile.Contact requester = acc.contacts()[r.nextInt(acc.contacts().length)];
        long response = -1;
        long solved = -1;
        int csat = 0;
        String status;
        if (Rand.chance(r, 0.05)) {
            status = "open";
        } else {
            response = created + minutes(Rand.logUniform(r, 0.2, MAX_RESPONSE_HOURS[priority]) * 60);
            if (response >= w.endSec()) {
                response = -1;
                status = "open";
            } else if (Rand.chance(r, 0.053)) {
                status = Rand.chance(r, 0.6) ? "pending" : "open";
            } else {
                solved = response + minutes(Rand.logUniform(r, 0.25, 240) * 60);
                if (solved >= w.endSec()) {
                    solved = -1;
                    status = "pending";
                } else {
                    status = Rand.chance(r, 0.6) ? "closed" : "solved";
                    if (Rand.chance(r, 0.4)) {
                        csat = 1 + Rand.weighted(r, CSAT_WEIGHTS);
                    }
                }
            }
        }
        long updated = Math.max(created, Math.max(response, solved));
        return new TicketRow(created, response, solved, status, PRIORITIES[priority], channel, csat,
                requester.email(acc.domain()), updated);
    }

    private static long minutes(double minutes) {
        return Math.max(1, Math.round(minutes)) * 60L;
    }
}
