package dev.baton.sqlserver;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The first gate of a statement: exactly one, and of a reading kind. DuckDB's own settings are the second gate
 * (read-only file, no external access, configuration locked), so a statement that slips past this check still
 * cannot write, read files or change settings; this one gives the clear message and keeps DuckDB from running the
 * earlier statements of a batch, which its prepare does.
 */
final class StatementPolicy {

    private static final Pattern ESCAPE_STRING = Pattern.compile("(?i)(^|[^a-z0-9_])e'");
    static final Set<String> READING = Set.of("select", "with", "describe", "show", "explain");

    private StatementPolicy() {
    }

    /** Null when the statement may run, else why not, in one line. */
    static String refusal(String sql) {
        String code = mask(sql);
        if (ESCAPE_STRING.matcher(code).find() || code.contains("$")) {
            // E'\'' and $$...$$ quote differently from the mask above; refused rather than second-guessed
            return "escape strings (E'...') and dollar quoting are not accepted on this endpoint";
        }
        int semicolon = code.indexOf(';');
        if (semicolon >= 0 && !code.substring(semicolon + 1).replace(';', ' ').isBlank()) {
            return "one statement per request: remove everything after the first ';'";
        }
        String body = (semicolon >= 0 ? code.substring(0, semicolon) : code).strip();
        if (body.isEmpty()) {
            return "empty statement";
        }
        String word = firstWord(body);
        if (word.equals("explain")) {
            String rest = body.substring(word.length()).strip();
            if (firstWord(rest).equals("analyze")) {
                rest = rest.substring("analyze".length()).strip();
            }
            String inner = firstWord(rest);
            return inner.equals("select") || inner.equals("with") ? null
                    : "EXPLAIN only of a SELECT or WITH query on this read-only endpoint";
        }
        if (!READING.contains(word)) {
            return "read-only endpoint: only SELECT, WITH, DESCRIBE, SHOW and EXPLAIN are allowed, not "
                    + (word.isEmpty() ? "'" + body.charAt(0) + "'" : word.toUpperCase(Locale.ROOT));
        }
        return null;
    }

    /** The statement after {@code EXPLAIN [ANALYZE]}, or the statement itself. */
    static String explained(String sql) {
        String code = mask(sql);
        String body = code.strip();
        if (!firstWord(body).equals("explain")) {
            return sql;
        }
        int start = code.indexOf(body) + "explain".length();
        String rest = code.substring(start);
        String trimmed = rest.stripLeading();
        start += rest.length() - trimmed.length();
        if (firstWord(trimmed).equals("analyze")) {
            start += "analyze".length();
        }
        return sql.substring(start).strip();
    }

    private static String firstWord(String code) {
        int end = 0;
        while (end < code.length() && Character.isLetter(code.charAt(end))) {
            end++;
        }
        String word = code.substring(0, end).toLowerCase(Locale.ROOT);
        // a parenthesised query: (select ...) union (select ...)
        if (word.isEmpty() && code.startsWith("(")) {
            return firstWord(code.substring(1).strip());
        }
        return word;
    }

    /**
     * The statement with comments, string literals and quoted identifiers blanked out (same length), so only the
     * code's own {@code ;} and keywords remain; an unterminated literal or comment blanks to the end.
     */
    static String mask(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
            if (c == '-' && next == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
                out.append(" ".repeat(end - i));
                i = end;
            } else if (c == '/' && next == '*') {
                int end = sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : end + 2;
                out.append(" ".repeat(end - i));
                i = end;
            } else if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < sql.length()) {
                    if (sql.charAt(end) == c) {
                        if (end + 1 < sql.length() && sql.charAt(end + 1) == c) {
                            end += 2; // doubled quote inside the literal
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                end = Math.min(end + 1, sql.length());
                out.append(c).append(" ".repeat(Math.max(end - i - 2, 0)));
                if (end - i >= 2) {
                    out.append(c);
                }
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
