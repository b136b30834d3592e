package dev.baton.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

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
        // why: the data is most of the page (about 7 of 8.7 MB at 100k accounts); it is written straight into the page
        // rather than built as nested strings and copied in, which took 0.5-1.4 s of the report's Java
        StringBuilder out = new StringBuilder(template.length() + 10_000_000);
        List<Map.Entry<String, Consumer<StringBuilder>>> parts = List.of(
                Map.entry("/*{{ECHARTS}}*/", page -> page.append(resource(ECHARTS))),
                Map.entry("/*{{DATA}}*/", page -> json(data.data(), page)),
                Map.entry("/*{{SCRIPT}}*/", page -> page.append(String.join("\n", SCRIPTS.stream().map(HtmlReport::resource).toList()))));
        int at = 0;
        for (Map.Entry<String, Consumer<StringBuilder>> part : parts) {
            int found = template.indexOf(part.getKey(), at);
            if (found < 0) {
                throw new IllegalStateException("report template lacks " + part.getKey() + " (in this order)");
            }
            out.append(template, at, found);
            part.getValue().accept(out);
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
        StringBuilder out = new StringBuilder();
        json(value, out);
        return out.toString();
    }

    private static void json(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ",");
                string(String.valueOf(entry.getKey()), out);
                out.append(':');
                json(entry.getValue(), out);
                first = false;
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                json(list.get(i), out);
            }
            out.append(']');
        } else if (value == null || value instanceof Double number && (number.isNaN() || number.isInfinite())) {
            out.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else {
            string(value.toString(), out);
        }
    }

    /** A JSON string that is also safe inside a script element (no closing tag, no line separators). */
    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
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
        out.append('"');
    }
}
