package dev.baton.report;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** What every drawn chart must show, whatever the data: named value axes, labelled categories, data, text inside. */
final class ReportInvariants {

    private ReportInvariants() {
    }

    static void assertChartsReadable(RenderedReport report) {
        assertThat(report.charts()).as("charts drawn").isNotEmpty();
        for (JsonNode chart : report.charts()) {
            String id = chart.get("id").asString();
            assertThat(chart.get("xAxis").size()).as(id + " has an x axis").isPositive();
            assertThat(chart.get("yAxis").size()).as(id + " has a y axis").isPositive();
            for (String axes : new String[] {"xAxis", "yAxis"}) {
                for (JsonNode axis : chart.get(axes)) {
                    if (axis.get("type").asString().equals("value")) {
                        assertThat(axis.get("name").asString()).as(id + " " + axes + " names its unit").isNotBlank();
                    } else {
                        assertThat(axis.get("categories").asInt()).as(id + " " + axes + " has labelled categories").isPositive();
                    }
                }
            }
            assertThat(chart.get("series").size()).as(id + " has series").isPositive();
            for (JsonNode series : chart.get("series")) {
                assertThat(series.get("points").asInt()).as(id + " series " + series.get("name")).isPositive();
            }
            assertThat(chart.get("texts").size()).as(id + " draws text").isPositive();
            assertThat(chart.get("outside").size()).as(id + " text drawn outside the chart: " + chart.get("outside")).isZero();
            assertThat(chart.get("width").asInt()).as(id + " width").isGreaterThan(300);
        }
    }
}
