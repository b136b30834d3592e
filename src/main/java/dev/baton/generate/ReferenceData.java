package dev.baton.generate;

import java.io.IOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.SplittableRandom;

/** Monthly go-to-market spend and month-end fx rates. */
final class ReferenceData {

    /** Sales and marketing cost per acquired account, in USD, per channel (same order as Vocab.CHANNELS). */
    private static final double[][] COST_PER_ACCOUNT = {{150, 600}, {400, 2200}, {2500, 300}, {1200, 400},
        {900, 1800}};
    private static final String[] CATEGORIES = {"sales", "marketing"};
    private static final String[] FX_CURRENCIES = {"CAD", "EUR", "GBP"};
    private static final double[] FX_BASE = {0.74, 1.08, 1.27};

    private ReferenceData() {
    }

    /**
     * Spend follows the expected number of accounts acquired per month (account creation grows over the window:
     * the share created by fraction x of the window is x^1.25), with month-to-month noise.
     */
    static void writeSpend(CsvSink sink, Window w, int accounts, SplittableRandom r) throws IOException {
        for (int m = 0; m < w.months(); m++) {
            double expected = accounts * (Math.pow((m + 1.0) / w.months(), LandingGenerator.GROWTH_EXPONENT)
                    - Math.pow((double) m / w.months(), LandingGenerator.GROWTH_EXPONENT));
            String month = w.startMonth().plusMonths(m).toString();
            for (int c = 0; c < Vocab.CHANNELS.length; c++) {
                for (int k = 0; k < CATEGORIES.length; k++) {
                    double usd = expected * Vocab.CHANNEL_SHARE[c] * COST_PER_ACCOUNT[c][k]
                            * Math.exp(0.15 * Rand.gaussian(r));
                    long cents = Math.max(5_000L, Math.round(usd * 100));
                    sink.row(month, Vocab.CHANNELS[c], CATEGORIES[k], Fmt.money(cents), "USD");
                }
            }
        }
    }

    /**
     * A row per currency on the first day of the window, then one per month end for the window and the twelve
     * months after it: a mean-reverting random walk around the base rates. USD is the reporting currency.
     */
    static void writeFx(CsvSink sink, Window w, SplittableRandom r) throws IOException {
        double[] rate = FX_BASE.clone();
        writeRates(sink, w.start(), rate);
        for (int m = 0; m < w.months() + 12; m++) {
            LocalDate monthEnd = YearMonth.from(w.start()).plusMonths(m).atEndOfMonth();
            for (int c = 0; c < rate.length; c++) {
                rate[c] += 0.15 * (FX_BASE[c] - rate[c]) + rate[c] * 0.012 * Rand.gaussian(r);
            }
            writeRates(sink, monthEnd, rate);
        }
    }

    private static void writeRates(CsvSink sink, LocalDate date, double[] rate) throws IOException {
        for (int c = 0; c < FX_CURRENCIES.length; c++) {
            sink.row(Fmt.date(date), FX_CURRENCIES[c], Fmt.rate(rate[c]));
        }
    }
}
