package dev.baton.generate;

import java.util.SplittableRandom;

/** The commercial terms of one subscription row. */
record Terms(Plan plan, int quantity, int billingMonths, int discountPct) {

    private static final int[] DISCOUNTS = {10, 15, 20};
    private static final int MAX_SEATS = 200;

    static Terms initial(Segment segment, SplittableRandom r) {
        int discount = Rand.chance(r, segment.discountRate) ? DISCOUNTS[r.nextInt(DISCOUNTS.length)] : 0;
        return new Terms(segment.drawPlan(r), segment.drawSeats(r), segment.drawBillingMonths(r), discount);
    }

    /** List price per seat per billing period, in cents (the {@code amount} column). */
    long amountCents(Currency currency) {
        return plan.monthlyPrice(currency) * 100L * billingMonths;
    }

    /** Monthly recurring revenue after discount, in cents. */
    long mrrCents(Currency currency) {
        return (long) plan.monthlyPrice(currency) * quantity * (100 - discountPct);
    }

    /** Annual contract value after discount, in cents (deal amounts). */
    long acvCents(Currency currency) {
        return mrrCents(currency) * 12;
    }

    boolean annual() {
        return billingMonths == 12;
    }

    /** A possible upsell: the next tier up, or 10-50% more seats. */
    Terms upsell(SplittableRandom r) {
        Plan[] plans = Plan.values();
        if (plan.ordinal() < plans.length - 1 && Rand.chance(r, 0.5)) {
            return new Terms(plans[plan.ordinal() + 1], quantity, billingMonths, discountPct);
        }
        int seats = Math.max(quantity + 1, (int) Math.round(quantity * (1.1 + 0.4 * r.nextDouble())));
        return new Terms(plan, Math.min(MAX_SEATS + 50, seats), billingMonths, discountPct);
    }

    /** A plan change: tier up or down, seats up or down, sometimes a switch from monthly to annual. */
    Terms change(SplittableRandom r) {
        Plan[] plans = Plan.values();
        Plan nextPlan = plan;
        int seats = quantity;
        double u = r.nextDouble();
        if (u < 0.35 && plan.ordinal() < plans.length - 1) {
            nextPlan = plans[plan.ordinal() + 1];
        } else if (u < 0.50 && plan.ordinal() > 0) {
            nextPlan = plans[plan.ordinal() - 1];
        } else if (u < 0.85) {
            seats = Math.min(MAX_SEATS, seats + Math.max(1, (int) Math.round(seats * (0.1 + 0.4 * r.nextDouble()))));
        } else {
            seats = Math.max(1, seats - Math.max(1, (int) Math.round(seats * (0.1 + 0.3 * r.nextDouble()))));
        }
        int billing = billingMonths == 1 && Rand.chance(r, 0.10) ? 12 : billingMonths;
        Terms next = new Terms(nextPlan, seats, billing, discountPct);
        if (next.equals(this)) {
            next = new Terms(nextPlan, seats < MAX_SEATS ? seats + 1 : seats - 1, billing, discountPct);
        }
        return next;
    }
}
