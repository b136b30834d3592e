package dev.baton.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Types;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a number reads in a table for people: money to cents, rates and ratios to six decimals. CSV and JSON keep
 * every digit, for the tools that compute with them. Integers are shown as they are.
 */
final class TableNumbers {

    /** Column names that hold a rate, a ratio or a share rather than an amount of money. */
    private static final Pattern RATE = Pattern.compile(
            ".*(rate|ratio|nrr|grr|retention|share|margin|pct|percent|quick|multiple|ltv_cac|csat|score).*");

    static final int MONEY = 2;
    static final int RATE_SCALE = 6;

    private TableNumbers() {
    }

    /** The decimals a column is shown with in a table, or null to show its values as they come. */
    static Integer scale(String column, int sqlType) {
        boolean rate = RATE.matcher(column.toLowerCase(Locale.ROOT)).matches();
        return switch (sqlType) {
            case Types.DECIMAL, Types.NUMERIC -> rate ? RATE_SCALE : MONEY;
            case Types.FLOAT, Types.REAL, Types.DOUBLE -> RATE_SCALE;
            default -> null;
        };
    }

    static String display(String value, Integer scale) {
        if (value == null || scale == null) {
            return value;
        }
        try {
            return new BigDecimal(value).setScale(scale, RoundingMode.HALF_UP).toPlainString();
        } catch (NumberFormatException e) {
            return value; // NaN, Infinity
        }
    }
}
