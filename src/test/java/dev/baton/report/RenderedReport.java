package dev.baton.report;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The report as a real browser sees it: headless Chromium runs the page's script and dumps the resulting DOM.
 * Skipped, with the reason, only when no chromium is installed (CI installs it in .ci/run).
 */
record RenderedReport(String dom) {

    static RenderedReport open(Path html, Path profile) throws IOException, InterruptedException {
        Path chromium = chromium();
        assumeThat(chromium).as("chromium is not installed (apt-get install -y chromium); the browser check is skipped")
                .isNotNull();
        Files.createDirectories(profile);
        Path out = profile.resolve("dom.html");
        Process process = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile.resolve("profile"), "--dump-dom", html.toUri().toString()))
                .redirectOutput(out.toFile())
                .redirectError(profile.resolve("chromium.log").toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium did not finish within 120 s; see " + profile.resolve("chromium.log"));
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0 || dom.isBlank()) {
            throw new IllegalStateException("chromium exited " + process.exitValue() + ": "
                    + Files.readString(profile.resolve("chromium.log"), StandardCharsets.UTF_8));
        }
        return new RenderedReport(dom);
    }

    private static Path chromium() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    /** The number of rows a chart's script drew from, as it wrote it on the chart's svg element. */
    int dataPoints(String chartId) {
        Matcher matcher = Pattern.compile("<svg id=\"" + Pattern.quote(chartId) + "\"[^>]*data-points=\"(\\d+)\"").matcher(dom);
        if (!matcher.find()) {
            throw new AssertionError("chart " + chartId + " was not drawn: no data-points on its svg");
        }
        return Integer.parseInt(matcher.group(1));
    }

    int count(String fragment) {
        int count = 0;
        for (int at = dom.indexOf(fragment); at >= 0; at = dom.indexOf(fragment, at + fragment.length())) {
            count++;
        }
        return count;
    }
}
