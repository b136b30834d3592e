package dev.baton.generate;

/** Plans with list prices per seat per month, set per currency (rounded, not converted). */
enum Plan {
    STARTER("starter", 29, 27, 23, 39),
    GROWTH("growth", 59, 55, 47, 79),
    SCALE("scale", 99, 92, 79, 135),
    ENTERPRISE("enterprise", 199, 185, 159, 269);

    private final String code;
    private final int[] monthlyPrice;

    Plan(String code, int usd, int eur, int gbp, int cad) {
        this.code = code;
        this.monthlyPrice = new int[] {usd, eur, gbp, cad};
    }

    String code() {
        return code;
    }

    int monthlyPrice(Currency currency) {
        return monthlyPrice[currency.ordinal()];
    }

    String label() {
        return Character.toUpperCase(code.charAt(0)) + code.substring(1);
    }
}
