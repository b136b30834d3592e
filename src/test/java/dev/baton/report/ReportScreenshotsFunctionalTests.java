package dev.baton.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import dev.baton.cli.BatonCli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a generated company (600 accounts, seed 42, 2023-01 to 2024-12, run date 2024-12-15: the run month
 * is partial), as many reps, CSMs, channels and cohorts as a real night. Every page is screenshot into
 * {@code target/report-screenshots/}; with {@code -Dbaton.test.report-docs=docs/images} the overview and the review page
 * are also copied there (the screenshots in docs/reporting.md).
 */
class ReportScreenshotsFunctionalTests {

    static final List<String> PAGES = List.of("overview", "revenue", "retention", "unit", "funnel", "handoff", "support",
            "nps", "health", "people", "review");

    @TempDir
    static Path workspace;

    static Path report;

    @BeforeAll
    static void runAGeneratedNight() {
        Path landing = workspace.resolve("landing");
        Path warehouse = workspace.resolve("warehouse");
        assertThat(BatonCli.execute("generate", "--out", landing.toString(), "--accounts", "600", "--seed", "42",
                "--start", "2023-01", "--months", "24")).isZero();
        assertThat(BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--run-date", "2024-12-15")).isZero();
        report = warehouse.resolve("report/index.html");
    }

    @Test
    void everyPageHasReadableChartsTextThatFitsAndAScreenshot() throws Exception {
        RenderedReport all = RenderedReport.open(report, workspace.resolve("all"), null);

        assertThat(all.strings("sections")).containsExactlyElementsOf(PAGES);
        assertThat(all.strings("empty")).as("every section has data on a full night").isEmpty();
        ReportInvariants.assertChartsReadable(all);
        assertThat(all.strings("overflow")).isEmpty();
        assertThat(all.charts()).extracting(chart -> chart.get("id").asString()).contains("overview-mrr", "revenue-bridge",
                "retention-heatmap", "unit-ltv-cac", "funnel-stages", "handoff-reps", "support-load", "health-red", "people-bookings");

        Path screenshots = Path.of("target/report-screenshots");
        for (String page : PAGES) {
            RenderedReport one = RenderedReport.open(report, workspace.resolve(page), page);
            assertThat(one.strings("sections")).as(page).containsExactly(page);
            assertThat(one.strings("overflow")).as(page).isEmpty();
            Path png = screenshots.resolve(page + ".png");
            RenderedReport.screenshot(report, page, png, 1280, 1700);
            assertThat(pngSize(png)).as(page).containsExactly(1280, 1700);
        }
        String docs = System.getProperty("baton.test.report-docs");
        if (docs != null && !docs.isBlank()) {
            Files.createDirectories(Path.of(docs));
            for (String page : List.of("overview", "review")) {
                Files.copy(screenshots.resolve(page + ".png"), Path.of(docs).resolve("report-" + page + ".png"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void theReviewPagePrintsOnOnePage() throws Exception {
        Path pdf = RenderedReport.pdf(report, "review", Files.createDirectories(workspace.resolve("pdf")).resolve("review.pdf"));

        assertThat(RenderedReport.pdfPages(pdf)).isEqualTo(1);
    }

    /** Width and height from a PNG's IHDR chunk (bytes 16-23). */
    private static List<Integer> pngSize(Path png) throws IOException {
        try (InputStream in = Files.newInputStream(png); DataInputStream data = new DataInputStream(in)) {
            byte[] signature = data.readNBytes(8);
            assertThat(signature).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            data.readInt();
            data.readInt();
            return List.of(data.readInt(), data.readInt());
        }
    }
}
