package dev.baton.extract;

/**
 * How the quotes of one CSV line stand, read alone: the executors classify every line of a delivery with it, so the
 * few lines where a stray quote may have merged records are found without reading the file on the driver. RFC 4180
 * quoting, as DuckDB reads it: a quote opens a value only at the start of a field, {@code ""} inside quotes is a
 * quote, and a closing quote must be followed by the delimiter or the end of the line.
 */
final class CsvQuotes {

    enum Kind {
        /** Every quote opens and closes a value properly (or there is none). */
        CLEAN,
        /** The line ends inside a quoted value: the record goes on into the next line. */
        OPEN,
        /** A quoted value closes and something other than the delimiter follows it ({@code "stray"x}). */
        TEXT_AFTER_CLOSE,
        /** A quote inside a value that did not start with one ({@code ab"c}). */
        QUOTE_IN_VALUE,
        /**
         * A {@code \r} before the line's end (DuckDB may end a record there, Spark's line reader does not) or bytes that
         * were not UTF-8 (Spark reads them as U+FFFD, DuckDB rejects the record as {@code wrong encoding}).
         */
        UNSURE
    }

    /** The line's kind and the field (0-based) where it stands: the open value, or the value with the stray quote. */
    record Scan(Kind kind, int field) {
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, AFTER_CLOSE }

    private CsvQuotes() {
    }

    /** A line without the {@code \r} of its CRLF line end: Spark's line reader splits at {@code \n} and keeps it. */
    static String content(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /**
     * @param read a line as read, with the {@code \r} of a CRLF line end if it has one
     * @param inQuote the line starts inside a quoted value opened on an earlier line
     */
    static Scan scan(String read, char delimiter, boolean inQuote) {
        String line = content(read);
        if (line.indexOf('\r') >= 0 || line.indexOf('\uFFFD') >= 0) {
            return new Scan(Kind.UNSURE, 0);
        }
        State state = inQuote ? State.QUOTED : State.FIELD_START;
        int field = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            switch (state) {
                case FIELD_START -> {
                    if (c == '"') {
                        state = State.QUOTED;
                    } else if (c == delimiter) {
                        field++;
                    } else {
                        state = State.UNQUOTED;
                    }
                }
                case UNQUOTED -> {
                    if (c == delimiter) {
                        field++;
                        state = State.FIELD_START;
                    } else if (c == '"') {
                        return new Scan(Kind.QUOTE_IN_VALUE, field);
                    }
                }
                case QUOTED -> {
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            i++;
                        } else {
                            state = State.AFTER_CLOSE;
                        }
                    }
                }
                case AFTER_CLOSE -> {
                    if (c == delimiter) {
                        field++;
                        state = State.FIELD_START;
                    } else {
                        return new Scan(Kind.TEXT_AFTER_CLOSE, field);
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return new Scan(state == State.QUOTED ? Kind.OPEN : Kind.CLEAN, field);
    }
}
