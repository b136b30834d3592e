package dev.baton.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Survey responses of one account. NPS goes out once a quarter to every paying account and about 30% answer; the
 * score leans to detractors when the account cancels within the next six months, so NPS predicts churn in the data
 * the way the playbooks say it does. Some solved tickets get a customer-effort (CES, 1-7) answer.
 */
final class SurveyGenerator {

    static final double NPS_RESPONSE_RATE = 0.30;
    private static final double CES_PER_SOLVED_TICKET = 0.08;
    /** Weights of NPS scores 0..10: about 15% detractors, 30% passives, 55% promoters. */
    private static final double[] NPS_STAYING = {0.3, 0.3, 0.4, 0.6, 1, 2, 3, 10, 20, 30, 25};
    /** Weights of NPS scores 0..10 for an account that cancels within six months: about 60% detractors. */
    private static final double[] NPS_LEAVING = {5, 4, 6, 8, 10, 13, 14, 14, 12, 8, 6};
    private static final double[] CES_WEIGHTS = {3, 4, 6, 10, 20, 30, 27};
    private static final long SIX_MONTHS = 182 * Window.DAY;

    private SurveyGenerator() {
    }

    static List<SurveyRow> generate(AccountProfile acc, Lifecycle life, List<TicketRow> tickets, Window w,
            SplittableRandom r) {
        List<SurveyRow> responses = new ArrayList<>();
        for (LocalDate quarter = w.start(); quarter.isBefore(w.end()); quarter = quarter.plusMonths(3)) {
            // why: sends spread over the whole quarter, so no calendar month is without answers
            long sent = Window.seconds(quarter) + r.nextLong(0, 80) * Window.DAY;
            boolean answers = Rand.chance(r, NPS_RESPONSE_RATE);
            long responded = Rand.businessTime(r, Rand.workday(r, sent / Window.DAY + r.nextLong(0, 10)));
            if (!answers || responded < life.firstCloseSec() || responded >= w.endSec() || !paying(life, responded)) {
                continue;
            }
            double[] weights = cancelsWithin(life, responded, SIX_MONTHS) ? NPS_LEAVING : NPS_STAYING;
            responses.add(new SurveyRow("nps", Rand.weighted(r, weights), responded, respondent(acc, r)));
        }
        for (TicketRow ticket : tickets) {
            if (ticket.solvedSec() > 0 && Rand.chance(r, CES_PER_SOLVED_TICKET)) {
                long responded = ticket.solvedSec() + r.nextLong(10, 600) * 60L;
                if (responded < w.endSec()) {
                    responses.add(new SurveyRow("ces", 1 + Rand.weighted(r, CES_WEIGHTS), responded, ticket.requesterEmail()));
                }
            }
        }
        responses.sort(Comparator.comparingLong(SurveyRow::respondedSec));
        return responses;
    }

    private static String respondent(AccountProfile acc, SplittableRandom r) {
        return acc.contacts()[r.nextInt(acc.contacts().length)].email(acc.domain());
    }

    /** A paid subscription row is in force at that moment (a canceled row is paid until its end). */
    private static boolean paying(Lifecycle life, long at) {
        LocalDate day = Window.dateOf(at);
        return life.rows().stream().anyMatch(row -> (row.status().equals("active") || row.status().equals("canceled"))
                && !row.start().isAfter(day)
                && (row.end() == null || row.end().isAfter(day)));
    }

    private static boolean cancelsWithin(Lifecycle life, long at, long span) {
        return life.rows().stream().anyMatch(row -> row.status().equals("canceled") && row.end() != null
                && Window.seconds(row.end()) > at && Window.seconds(row.end()) <= at + span);
    }
}
