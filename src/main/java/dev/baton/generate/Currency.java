package dev.baton.generate;

/** Billing currencies. USD is the reporting currency; the others get fx rates. */
enum Currency {
    USD(0.70), EUR(0.15), GBP(0.10), CAD(0.05);

    private static final double[] WEIGHTS = {USD.share, EUR.share, GBP.share, CAD.share};
    private final double share;

    Currency(double share) {
        this.share = share;
    }

    static double[] weights() {
        return WEIGHTS.clone();
    }
}
