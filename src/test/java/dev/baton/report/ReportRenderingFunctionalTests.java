package dev.baton.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.baton.cli.BatonCli;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The report of the four-account Sales -> CS scenario (see {@link SalesToCsScenarioFunctionalTests} for every fact),
 * published twice: run date 2024-05-01 (version 1, review month April: B2 Cedar Co churns) and 2024-06-01 (version 2,
 * review month May: B3 Dune Freight expands 300 -> 400 and Bo Chen wins D7, 1,200, with no hand-off). Opened in
 * headless Chromium; then rolled back to version 1.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportRenderingFunctionalTests {

    @TempDir
    static Path workspace;

    static Path warehouse;

    @BeforeAll
    static void publishTwoNights() throws Exception {
        Path landing = Scenarios.copy("sales_to_cs", workspace.resolve("landing"));
        warehouse = workspace.resolve("warehouse");
        for (String runDate : List.of("2024-05-01", "2024-06-01")) {
            assertThat(BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                    "--run-date", runDate)).isZero();
        }
    }

    @Test
    @Order(1)
    void theReportIsWrittenIntoThePublishedVersionAndLinked() throws Exception {
        Path link = warehouse.resolve("report");

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("versions/000002-2024-06-01/report"));
        assertThat(warehouse.resolve("versions/000001-2024-05-01/report/index.html")).exists();
        String html = Files.readString(link.resolve("index.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<title>Baton report 2024-06-01</title>").contains("\"version\":\"000002-2024-06-01\"")
                .doesNotContain("<script src").doesNotContain("<link").doesNotContain("@import");
    }

    @Test
    @Order(2)
    void everyChartHasNamedAxesDataAndTextThatFits() throws Exception {
        RenderedReport report = RenderedReport.open(warehouse.resolve("report/index.html"), workspace.resolve("all"), null);

        assertThat(report.strings("sections")).containsExactly("overview", "revenue", "retention", "unit", "funnel", "handoff",
                "support", "nps", "health", "people", "review");
        ReportInvariants.assertChartsReadable(report);
        assertThat(report.strings("overflow")).as("HTML text wider than its box").isEmpty();
        // no spend in the scenario: no channel has a CAC; T12M needs twelve months of history
        assertThat(report.strings("empty")).anyMatch(text -> text.startsWith("ltvCac: No data: no channel has both"))
                .anyMatch(text -> text.startsWith("retention: No data: no month has twelve months"));
        // run date 2024-06-01 is not the last day of June: the run month is shown apart and flagged
        assertThat(report.probe().get("partial").asInt()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void theCohortHeatmapPrintsEveryCellOnADivergingScale() throws Exception {
        RenderedReport report = RenderedReport.open(warehouse.resolve("report/index.html"), workspace.resolve("retention"), "retention");

        JsonNode heatmap = report.chart("retention-heatmap");
        assertThat(heatmap.get("visualMaps").asInt()).isEqualTo(1);
        // January cohort (B1 100 + B2 200 = 300): Jan-Mar 300 -> 100%, Apr-Jun 100 (B2 churned in April) -> 33%;
        // February cohort (B3 300): Feb-Apr 100%, May-Jun 400 -> 133%. 6 + 5 = 11 cells, each printing its NRR
        List<String> cells = report.texts("retention-heatmap").stream().filter(text -> text.matches("\\d+%")).toList();
        assertThat(cells).containsExactlyInAnyOrder("100%", "100%", "100%", "33%", "33%", "33%", "100%", "100%", "100%", "133%",
                "133%");
        assertThat(report.texts("retention-heatmap")).contains("2024-01", "2024-02", "0", "5", "150%+", "≤50%");
    }

    @Test
    @Order(3)
    void theSegmentAndOwnerFiltersWorkOfflineOnTheEmbeddedData() throws Exception {
        RenderedReport report = RenderedReport.open(warehouse.resolve("report/index.html"), workspace.resolve("filters"), "overview",
                List.of(List.of("filter-segment", "mid_market"), List.of("filter-segment", "smb"), List.of("filter-owner", "Ana Ruiz")));

        // columns: May 2024 (last complete), April, May 2023, June to date (partial), change vs April
        // mid_market = B3: 300 in April, 400 from May; NRR May 400 / 300
        JsonNode midMarket = report.probe().get("filtered").get(0).get("kpis");
        assertThat(texts(midMarket.get(0))).containsExactly("MRR (closing)", "USD 400", "USD 300", "–", "USD 400", "+USD 100");
        assertThat(texts(midMarket.get(1))).startsWith("NRR (monthly)", "133.3%");
        // smb = B1 100 all along (B2 churned in April, so April closes at 100 too)
        assertThat(texts(report.probe().get("filtered").get(1).get("kpis").get(0)))
                .containsExactly("MRR (closing)", "USD 100", "USD 100", "–", "USD 100", "USD 0");
        // Ana Ruiz sold B1 and B2: MRR as smb; her May scorecard: B1 retained at 100 -> NRR 100%
        JsonNode ana = report.probe().get("filtered").get(2).get("kpis");
        assertThat(texts(ana.get(0))).containsExactly("MRR (closing)", "USD 100", "USD 100", "–", "USD 100", "USD 0");
        assertThat(texts(ana.get(1))).startsWith("NRR (monthly)", "100.0%");
    }

    private static List<String> texts(JsonNode cells) {
        List<String> texts = new ArrayList<>();
        cells.forEach(cell -> texts.add(cell.asString()));
        return texts;
    }

    @Test
    @Order(4)
    void theReviewPageShowsTheLastCompleteMonthOnOnePrintedPage() throws Exception {
        Path html = warehouse.resolve("report/index.html");
        RenderedReport review = RenderedReport.open(html, workspace.resolve("review"), "review");

        assertThat(review.strings("sections")).containsExactly("review");
        String dom = review.section("review");
        assertThat(dom).contains("Monthly Sales × CS review — May 2024");
        // KPIs: closing MRR May = B1 100 + B3 400 = 500, April = 100 + 300 = 400; new + expansion in May = 0 + 100
        assertThat(dom).contains("<td class=\"num\">USD 500</td><td class=\"num\">USD 400</td>")
                .contains("<td>New + expansion MRR</td><td class=\"num\">USD 100</td>");
        // wins: D7 by Bo Chen, 1,200, no hand-off -> completeness 0%, one deal without a hand-off
        assertThat(dom).contains("<tr><td>Bo Chen</td><td class=\"num\">1</td><td class=\"num\">1,200</td><td class=\"num\">0%</td>"
                + "<td class=\"num\">1</td><td>none</td></tr>")
                .contains("<td>Dune Freight</td><td class=\"num\">1,200</td><td>none</td><td>no hand-off</td>");
        assertThat(dom).contains("<td>Dune Freight</td><td>Di Park</td><td>Bo Chen</td><td class=\"num\">100</td><td class=\"num\">400</td>");
        assertThat(dom).contains("No data: no account churned in May 2024.").contains("No data: no account turned red in May 2024.");
        assertThat(review.strings("overflow")).isEmpty();

        Path pdf = RenderedReport.pdf(html, "review", workspace.resolve("review").resolve("review.pdf"));
        assertThat(RenderedReport.pdfPages(pdf)).isEqualTo(1);
    }

    @Test
    @Order(5)
    void aRollbackShowsTheRolledBackToNightsReportAndBatonReportRendersIt() throws Exception {
        assertThat(BatonCli.execute("publish", "--warehouse", warehouse.toString(), "--rollback")).isZero();

        Path link = warehouse.resolve("report");
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("versions/000001-2024-05-01/report"));
        RenderedReport review = RenderedReport.open(link.resolve("index.html"), workspace.resolve("rolled-back"), "review");
        // April: B2 Cedar Co churns 200; its last ticket T6 (12 March, low, reopened, CSAT 2); Jan-Mar: T5 and T6,
        // T6 reopened is the one escalation; hand-off D2 on 25 January with 4 of 10 items
        assertThat(review.section("review")).contains("Monthly Sales × CS review — April 2024")
                .contains("<td>Cedar Co</td><td>Cy Moss</td><td class=\"num\">200</td><td>2024-03-12 low reopened CSAT 2</td>"
                        + "<td class=\"num\">2 / 1</td><td>4/10 on 2024-01-25</td>");

        Files.delete(warehouse.resolve("versions/000001-2024-05-01/report/index.html"));
        assertThat(BatonCli.execute("report", "--warehouse", warehouse.toString())).isZero();
        assertThat(Files.readString(link.resolve("index.html"), StandardCharsets.UTF_8)).contains("<title>Baton report 2024-05-01</title>");
    }
}
