package dev.baton.generate;

import java.util.SplittableRandom;

/** Customer segments and the behaviour that differs between them. */
enum Segment {
    //          code          share seats    plan weights (starter..enterprise)  billing 1/3/12      disc churn  trial tickets cycle     contacts
    SMB("smb", 0.60, 1, 15, new double[] {55, 40, 5, 0}, new double[] {70, 10, 20}, 0.20, 0.028, 0.25, 0.35, 7, 35, 1, 3),
    MID_MARKET("mid_market", 0.30, 10, 60, new double[] {0, 45, 45, 10}, new double[] {60, 15, 25}, 0.35, 0.018,
            0.15, 0.9, 21, 75, 2, 5),
    ENTERPRISE("enterprise", 0.10, 50, 200, new double[] {0, 0, 40, 60}, new double[] {30, 15, 55}, 0.60, 0.009,
            0.05, 2.2, 45, 150, 3, 8);

    private static final int[] BILLING_MONTHS = {1, 3, 12};

    final String code;
    final double share;
    final int minSeats;
    final int maxSeats;
    private final double[] planWeights;
    private final double[] billingWeights;
    /** Probability that a contract carries a discount. */
    final double discountRate;
    /** Probability per month that a paying customer cancels. */
    final double monthlyChurn;
    final double trialRate;
    /** Expected tickets per subscribed month. */
    final double ticketsPerMonth;
    private final int minCycleDays;
    private final int maxCycleDays;
    final int minContacts;
    final int maxContacts;

    Segment(String code, double share, int minSeats, int maxSeats, double[] planWeights, double[] billingWeights,
            double discountRate, double monthlyChurn, double trialRate, double ticketsPerMonth, int minCycleDays,
            int maxCycleDays, int minContacts, int maxContacts) {
        this.code = code;
        this.share = share;
        this.minSeats = minSeats;
        this.maxSeats = maxSeats;
        this.planWeights = planWeights;
        this.billingWeights = billingWeights;
        this.discountRate = discountRate;
        this.monthlyChurn = monthlyChurn;
        this.trialRate = trialRate;
        this.ticketsPerMonth = ticketsPerMonth;
        this.minCycleDays = minCycleDays;
        this.maxCycleDays = maxCycleDays;
        this.minContacts = minContacts;
        this.maxContacts = maxContacts;
    }

    static Segment draw(SplittableRandom r) {
        return values()[Rand.weighted(r, SMB.share, MID_MARKET.share, ENTERPRISE.share)];
    }

    Plan drawPlan(SplittableRandom r) {
        return Plan.values()[Rand.weighted(r, planWeights)];
    }

    int drawBillingMonths(SplittableRandom r) {
        return BILLING_MONTHS[Rand.weighted(r, billingWeights)];
    }

    /** Seats skewed towards the small end of the segment's range. */
    int drawSeats(SplittableRandom r) {
        double u = r.nextDouble();
        return minSeats + (int) Math.floor(u * u * (maxSeats - minSeats + 1));
    }

    int drawSalesCycleDays(SplittableRandom r) {
        return Rand.between(r, minCycleDays, maxCycleDays);
    }
}
