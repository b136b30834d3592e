package dev.baton.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One self-contained HTML file: the template (inline CSS), Apache ECharts (its minified bundle, read from the
 * {@code org.webjars.npm:echarts} jar and inlined), the page's script and the data as JSON. Nothing is fetched from the
 * network, so the file opens anywhere, offline, and still shows the same night years later.
 */
final class HtmlReport {

    /** Keep the version in step with {@code echarts.version} in baton-app.pom.xml. */
    static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    /** The page's own scripts, in order: the framework, the sections, the review page, then the start. */
    static final List<String> SCRIPTS = List.of("/report/report.js", "/report/sections.js", "/report/teams.js",
            "/report/review.js", "/report/start.js");

    private final ReportData data;
    private final LocalDate runDate;

    HtmlReport(ReportData data, LocalDate runDate) {
        this.data = data;
        this.runDate = runDate;
    }

    String render() {
        // Each placeholder is looked up in the template only, so text inside the inlined scripts is never replaced.
        String template = resource("/report/index.html").replace("{{RUN_DATE}}", runDate.toString());
        return fill(template, List.of(
                Map.entry("/*{{ECHARTS}}*/", resource(ECHARTS)),
                Map.entry("/*{{DATA}}*/", json(data.data())),
                Map.entry("/*{{SCRIPT}}*/", String.join("\n", SCRIPTS.stream().map(HtmlReport::resource).toList()))));
    }

    private static String fill(String template, List<Map.Entry<String, String>> parts) {
        StringBuilder out = new StringBuilder(template.length() + 1_200_000);
        int at = 0;
        for (Map.Entry<String, String> part : parts) {
            int found = template.indexOf(part.getKey(), at);
            if (found < 0) {
                throw new IllegalStateException("report template lacks " + part.getKey() + " (in this order)");
            }
            out.append(template, at, found).append(part.getValue());
            at = found + part.getKey().length();
        }
        return out.append(template, at, template.length()).toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("report resource " + name + " is missing from the classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (name.endsWith(".js") && text.toLowerCase(Locale.ROOT).contains("</script")) {
                throw new IllegalStateException("report resource " + name + " would close its script element");
            }
            return text;
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
