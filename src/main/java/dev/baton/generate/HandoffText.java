package dev.baton.generate;

import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The ten free-text items of a sales-to-CS hand-off. Each item is blank with a probability that depends on the
 * sales owner (some reps are sloppier). Some sentences carry commas and double quotes on purpose.
 */
final class HandoffText {

    static final int ITEMS = 10;

    private static final String[] PROBLEMS = {
        "Revenue numbers lived in spreadsheets and nobody trusted the MRR figure.",
        "Board reporting took the finance team a week every month.",
        "CRM and billing disagreed, so churn was reported three different ways.",
        "Previous tool was \"too rigid\" for their add-on pricing.",
        "Outgrew a homegrown dashboard after the last funding round.",
        "Sales forecast missed by 20% two quarters in a row.",
        "No single view of renewals; CSMs found out about churn from the invoice run."};
    private static final String[] SUCCESS = {
        "One MRR number the CFO signs off on, by the end of next quarter.",
        "Month-end revenue close in under 2 days.",
        "Weekly churn report sent to leadership without manual work.",
        "Pipeline coverage visible per rep, refreshed daily.",
        "Cohort retention chart for the board deck, \"no more copy-paste\"."};
    private static final String[] VALUED = {
        "Speed of setup, the CSV import, and the Slack alerts.",
        "Clear audit trail for every number.",
        "Price, mostly.",
        "Responsive support during the evaluation.",
        "Dashboards their execs could read without training."};
    private static final String[] CONCERNS = {
        "Worried about data freshness; they need numbers by 9am.",
        "IT wants SSO before rolling out to the wider team.",
        "Budget is tight until the next fiscal year.",
        "Had a bad onboarding experience with a previous vendor.",
        "Not sure the current seat count is enough, may need more soon."};
    private static final String[] PROMISES = {
        "Promised a dedicated onboarding call in week one.",
        "Told them custom fields are on the roadmap, no date given.",
        "Agreed to revisit pricing at renewal if usage grows.",
        "Offered a free training session for their team.",
        "Committed to a \"white-glove\" data migration."};
    private static final String[] NOTES = {
        "Likes async updates, avoid Friday calls.",
        "Expect questions about the API in the first month.",
        "Renewal decision sits with the CFO, not the champion.",
        "Check in after their first month-end close.",
        "Very price sensitive; flag any overage early."};

    private HandoffText() {
    }

    /** Blank probability for a sales owner: spread over 10%..40% across the sales team. */
    static double blankRate(int salesOwner) {
        return 0.10 + 0.30 * ((salesOwner * 5) % Vocab.SALES_OWNERS.length) / (Vocab.SALES_OWNERS.length - 1.0);
    }

    static String[] items(AccountProfile acc, DealRow deal, SplittableRandom r) {
        Terms terms = deal.terms();
        AccountProfile.Contact[] people = acc.contacts();
        AccountProfile.Contact champion = people[r.nextInt(people.length)];
        String department = Rand.pick(r, Vocab.DEPARTMENTS);
        LocalDate lastContact = Window.dateOf(deal.closedSec()).minusDays(Rand.between(r, 0, 10));
        String[] text = {
            profile(acc, terms, department, r),
            contract(terms, r),
            Rand.pick(r, PROBLEMS),
            Rand.pick(r, SUCCESS),
            Rand.pick(r, VALUED),
            Rand.pick(r, CONCERNS),
            Rand.pick(r, PROMISES),
            keyPeople(people),
            plural(Rand.between(r, 1, 6), "call") + " and " + plural(Rand.between(r, 1, 3), "demo") + "; last contact "
                    + Fmt.date(lastContact) + ".",
            Rand.chance(r, 0.4) ? "Champion is " + champion.fullName() + " (" + champion.title() + "), "
                    + "loop them in before any change." : Rand.pick(r, NOTES)};
        double blank = blankRate(deal.owner());
        for (int i = 0; i < text.length; i++) {
            if (Rand.chance(r, blank)) {
                text[i] = "";
            }
        }
        return text;
    }

    private static String profile(AccountProfile acc, Terms terms, String department, SplittableRandom r) {
        String size = switch (acc.segment()) {
            case SMB -> "Small";
            case MID_MARKET -> "Mid-sized";
            case ENTERPRISE -> "Large";
        };
        return Rand.chance(r, 0.5)
                ? size + " " + acc.industry().toLowerCase(Locale.ROOT) + " company in " + acc.country()
                        + ", " + seats(terms.quantity()) + " for " + department + "."
                : acc.industry() + " business; the " + department + " team is the main user.";
    }

    private static String contract(Terms terms, SplittableRandom r) {
        String billing = switch (terms.billingMonths()) {
            case 12 -> "Annual";
            case 3 -> "Quarterly";
            default -> "Monthly";
        };
        String discount = terms.discountPct() == 0 ? "list price" : terms.discountPct() + "% discount";
        return Rand.chance(r, 0.3) && terms.discountPct() > 0
                ? discount + " in exchange for a case study, \"logo rights\" included."
                : billing + " billing, " + seats(terms.quantity()) + " on " + terms.plan().label() + ", " + discount
                        + ", net 30.";
    }

    private static String seats(int quantity) {
        return plural(quantity, "seat");
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static String keyPeople(AccountProfile.Contact[] people) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(3, people.length); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(people[i].fullName()).append(" (").append(people[i].title()).append(')');
        }
        return sb.toString();
    }
}
