package dev.baton.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/** Allocation-light formatting of the landing value types (the hot path writes millions of values). */
final class Fmt {

    private Fmt() {
    }

    /** {@code A00001}-style id: prefix plus the number zero-padded to at least {@code width} digits. */
    static String id(char prefix, long number, int width) {
        String digits = Long.toString(number);
        StringBuilder sb = new StringBuilder(width + 1).append(prefix);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(digits).toString();
    }

    /** ISO-8601 UTC timestamp with {@code Z}, second precision: {@code 2023-04-05T14:03:00Z}. */
    static String timestamp(long epochSecond) {
        long day = Math.floorDiv(epochSecond, Window.DAY);
        int secondOfDay = (int) Math.floorMod(epochSecond, Window.DAY);
        LocalDate date = LocalDate.ofEpochDay(day);
        char[] c = new char[20];
        writeDate(c, date);
        c[10] = 'T';
        two(c, 11, secondOfDay / 3600);
        c[13] = ':';
        two(c, 14, secondOfDay / 60 % 60);
        c[16] = ':';
        two(c, 17, secondOfDay % 60);
        c[19] = 'Z';
        return new String(c);
    }

    /** Empty string for "no timestamp" (negative sentinel). */
    static String timestampOrBlank(long epochSecond) {
        return epochSecond < 0 ? "" : timestamp(epochSecond);
    }

    /** {@code YYYY-MM-DD}; empty string for null. */
    static String date(LocalDate date) {
        if (date == null) {
            return "";
        }
        char[] c = new char[10];
        writeDate(c, date);
        return new String(c);
    }

    /** Plain decimal with two places from an amount in cents: {@code 1200.00}. */
    static String money(long cents) {
        long abs = Math.abs(cents);
        long fraction = abs % 100;
        return (cents < 0 ? "-" : "") + (abs / 100) + (fraction < 10 ? ".0" : ".") + fraction;
    }

    /** Plain decimal with six places. */
    static String rate(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).toPlainString();
    }

    private static void writeDate(char[] c, LocalDate date) {
        int year = date.getYear();
        c[0] = (char) ('0' + year / 1000 % 10);
        c[1] = (char) ('0' + year / 100 % 10);
        c[2] = (char) ('0' + year / 10 % 10);
        c[3] = (char) ('0' + year % 10);
        c[4] = '-';
        two(c, 5, date.getMonthValue());
        c[7] = '-';
        two(c, 8, date.getDayOfMonth());
    }

    private static void two(char[] c, int at, int value) {
        c[at] = (char) ('0' + value / 10);
        c[at + 1] = (char) ('0' + value % 10);
    }
}
