package dev.baton.report;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report as a real browser lays it out: headless Chromium runs the page's scripts plus a test-only probe
 * ({@code src/test/resources/report/probe.js}, appended to a copy of the file) that writes, as JSON, each chart's axes,
 * series and drawn SVG texts, the texts drawn outside their chart and the HTML text wider than its box. Also takes
 * screenshots and prints to PDF. Skipped, with the reason, only when no chromium is installed (CI installs it).
 *
 * @param dom the DOM after the scripts ran
 * @param probe what the probe measured
 */
record RenderedReport(String dom, JsonNode probe) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Opens the report, or one page of it ({@code page} null: every section one below the other). */
    static RenderedReport open(Path html, Path work, String page) throws IOException, InterruptedException {
        return open(html, work, page, List.of());
    }

    /** As {@link #open(Path, Path, String)}, then choosing each filter value in turn (select id, value), see probe.js. */
    static RenderedReport open(Path html, Path work, String page, List<List<String>> filters) throws IOException, InterruptedException {
        Files.createDirectories(work);
        String text = Files.readString(html, StandardCharsets.UTF_8);
        String probe;
        try (var in = RenderedReport.class.getResourceAsStream("/report/probe.js")) {
            probe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // the last </body>: the inlined ECharts bundle contains the string too
        int end = text.lastIndexOf("</body>");
        Path copy = work.resolve("probed-" + (page == null ? "all" : page) + ".html");
        String script = "<script>window.PROBE_FILTERS = " + JSON.writeValueAsString(filters) + ";\n" + probe + "</script>\n";
        Files.writeString(copy, text.substring(0, end) + script + text.substring(end), StandardCharsets.UTF_8);
        Path out = work.resolve("dom-" + (page == null ? "all" : page) + ".html");
        run(work, out, "--window-size=1280,900", "--dump-dom", url(copy, page));
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        int at = dom.lastIndexOf("<pre id=\"probe\">");
        if (at < 0) {
            throw new AssertionError("the probe did not run (a script error?); see " + work.resolve("chromium.log"));
        }
        String json = dom.substring(at + "<pre id=\"probe\">".length(), dom.indexOf("</pre>", at))
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
        return new RenderedReport(dom, JSON.readTree(json));
    }

    /** A PNG of one page of the report, {@code width} x {@code height} CSS pixels. */
    static void screenshot(Path html, String page, Path png, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        Path work = Files.createTempDirectory("baton-screenshot");
        run(work, work.resolve("stdout"), "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--screenshot=" + png.toAbsolutePath(), url(html, page));
    }

    /** Prints one page of the report to PDF, as the browser's print dialog would with the page's print CSS. */
    static Path pdf(Path html, String page, Path pdf) throws IOException, InterruptedException {
        run(pdf.getParent(), pdf.resolveSibling("pdf.out"), "--no-pdf-header-footer", "--print-to-pdf=" + pdf.toAbsolutePath(),
                url(html, page));
        return pdf;
    }

    /** The number of pages of a PDF Chromium printed: its page tree's {@code /Count}. */
    static int pdfPages(Path pdf) throws IOException {
        String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        Matcher count = Pattern.compile("/Type\\s*/Pages\\b[^>]*?/Count\\s+(\\d+)|/Count\\s+(\\d+)[^>]*?/Type\\s*/Pages\\b").matcher(text);
        if (!count.find()) {
            throw new AssertionError("no page tree in " + pdf);
        }
        return Integer.parseInt(count.group(1) != null ? count.group(1) : count.group(2));
    }

    private static String url(Path html, String page) {
        return html.toAbsolutePath().toUri() + (page == null ? "" : "#page-" + page);
    }

    private static void run(Path work, Path out, String... arguments) throws IOException, InterruptedException {
        Path chromium = chromium();
        assumeThat(chromium).as("chromium is not installed (apt-get install -y chromium); the browser check is skipped")
                .isNotNull();
        Files.createDirectories(work);
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--enable-logging=stderr", "--user-data-dir=" + work.resolve("profile")));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(work.resolve("chromium.log").toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within 120 s; see " + work.resolve("chromium.log"));
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("chromium exited " + process.exitValue() + ": "
                    + Files.readString(work.resolve("chromium.log"), StandardCharsets.UTF_8));
        }
    }

    private static Path chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    List<JsonNode> charts() {
        List<JsonNode> charts = new ArrayList<>();
        probe.get("charts").forEach(charts::add);
        return charts;
    }

    JsonNode chart(String id) {
        return charts().stream().filter(chart -> chart.get("id").asString().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("chart " + id + " was not drawn; drawn: "
                        + charts().stream().map(chart -> chart.get("id").asString()).toList()));
    }

    List<String> texts(String chartId) {
        List<String> texts = new ArrayList<>();
        chart(chartId).get("texts").forEach(text -> texts.add(text.asString()));
        return texts;
    }

    List<String> strings(String field) {
        List<String> values = new ArrayList<>();
        probe.get(field).forEach(value -> values.add(value.asString()));
        return values;
    }

    /** The HTML of one section after the scripts ran (kept short, so a failed assertion prints only that). */
    String section(String id) {
        int start = dom.indexOf("id=\"" + id + "\">");
        if (start < 0) {
            throw new AssertionError("no section " + id + " in the DOM");
        }
        return dom.substring(dom.lastIndexOf("<section", start), dom.indexOf("</section>", start));
    }

    int count(String fragment) {
        int count = 0;
        for (int at = dom.indexOf(fragment); at >= 0; at = dom.indexOf(fragment, at + fragment.length())) {
            count++;
        }
        return count;
    }
}
