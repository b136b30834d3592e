package dev.baton.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import dev.baton.warehouse.WarehouseLayout;
import org.junit.jupiter.api.Test;

/** The report's file and JSON rules, without a warehouse. */
class ReportConfigurationTests {

    @Test
    void theReportFileStaysInsideTheWarehouseFolder() {
        WarehouseLayout layout = new WarehouseLayout(Path.of("/tmp/w"));

        assertThat(ReportStepKind.insideWarehouse(layout, "report/index.html")).isEqualTo(Path.of("/tmp/w/report/index.html"));
        assertThatThrownBy(() -> ReportStepKind.insideWarehouse(layout, "../etc/index.html"))
                .hasMessageContaining("leads outside the warehouse folder");
    }

    @Test
    void chartDataCannotCloseTheScriptElement() {
        String json = HtmlReport.json(Map.of("channel", "</script><script>alert(1)</script>\u2028", "n", List.of(1, 2.5, Double.NaN)));

        assertThat(json).doesNotContain("</script>").doesNotContain("\u2028").contains("\\u003c/script\\u003e")
                .contains("[1,2.5,null]");
    }

    @Test
    void theTemplateReceivesTheDataTheRunDateAndTheInlinedCharts() {
        String html = new HtmlReport(new ReportData(Map.of("bridge", List.of(Map.of("month", "2024-01")))),
                LocalDate.of(2024, 7, 15)).render();

        assertThat(html).contains("<title>Baton report 2024-07-15</title>")
                .contains("const DATA = {\"bridge\":[{\"month\":\"2024-01\"}]};")
                .contains("Licensed to the Apache Software Foundation").contains("version=\"5.3.1\"").contains("section('review'")
                .doesNotContain("/*{{").doesNotContain("<script src").doesNotContain("<link").doesNotContain("@import");
    }

    @Test
    void theReviewMonthIsTheLastMonthThatHasEnded() {
        assertThat(ReportData.reviewMonth(LocalDate.of(2024, 6, 1))).isEqualTo(YearMonth.of(2024, 5));
        assertThat(ReportData.reviewMonth(LocalDate.of(2024, 6, 29))).isEqualTo(YearMonth.of(2024, 5));
        assertThat(ReportData.reviewMonth(LocalDate.of(2024, 6, 30))).isEqualTo(YearMonth.of(2024, 6));
        assertThat(ReportData.reviewMonth(LocalDate.of(2024, 1, 15))).isEqualTo(YearMonth.of(2023, 12));
    }
}
