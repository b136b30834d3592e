package dev.baton.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One self-contained HTML page: the template (inline CSS and a small script that draws SVG) plus the chart rows
 * as JSON. Nothing is fetched from the network, so the file opens anywhere, offline.
 */
final class HtmlReport {

    private final ReportData data;
    private final LocalDate runDate;

    HtmlReport(ReportData data, LocalDate runDate) {
        this.data = data;
        this.runDate = runDate;
    }

    String render() {
        return template().replace("{{RUN_DATE}}", runDate.toString()).replace("/*{{DATA}}*/", json(data.charts()));
    }

    private static String template() {
        try (InputStream in = HtmlReport.class.getResourceAsStream("/report/index.html")) {
            if (in == null) {
                throw new IllegalStateException("report template /report/index.html is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?> map) {
            StringJoiner object = new StringJoiner(",", "{", "}");
            map.forEach((key, item) -> object.add(string(String.valueOf(key)) + ":" + json(item)));
            return object.toString();
        }
        if (value instanceof List<?> list) {
            StringJoiner array = new StringJoiner(",", "[", "]");
            list.forEach(item -> array.add(json(item)));
            return array.toString();
        }
        if (value instanceof Double number && (number.isNaN() || number.isInfinite())) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return string(value.toString());
    }

    /** A JSON string that is also safe inside a script element (no closing tag, no line separators). */
    private static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
