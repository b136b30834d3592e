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
        QUOTE_IN_VALUE
    }

    /** The line's kind and the field (0-based) where it stands: the open value, or the value with the stray quote. */
    record Scan(Kind kind, int field) {
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, AFTER_CLOSE }

    private CsvQuotes() {
    }

    /** @param inQuote the line starts inside a quoted value opened on an earlier line */
    static Scan scan(String line, char delimiter, boolean inQuote) {
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
                    } else if (c != '\r') {
                        return new Scan(Kind.TEXT_AFTER_CLOSE, field);
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return new Scan(state == State.QUOTED ? Kind.OPEN : Kind.CLEAN, field);
    }
}
