package dev.baton.generate;

import static dev.baton.generate.GeneratedLanding.ACCOUNTS;
import static dev.baton.generate.GeneratedLanding.HEADERS;
import static dev.baton.generate.GeneratedLanding.HORIZON;
import static dev.baton.generate.GeneratedLanding.MONEY;
import static dev.baton.generate.GeneratedLanding.MONTHS;
import static dev.baton.generate.GeneratedLanding.REQUIRED;
import static dev.baton.generate.GeneratedLanding.SEED;
import static dev.baton.generate.GeneratedLanding.START;
import static dev.baton.generate.GeneratedLanding.WINDOW_END;
import static dev.baton.generate.GeneratedLanding.WINDOW_START;
import static dev.baton.generate.GeneratedLanding.assertInWindow;
import static dev.baton.generate.GeneratedLanding.ts;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The landing files as files: determinism, the contract headers, ids, formats, enums and the spend/FX calendar. */
class LandingGeneratorFileContractTests {

    @TempDir
    static Path dir;

    private static GeneratedLanding landing;
    private static GenerationSummary summary;
    private static Map<String, List<CSVRecord>> data;

    @BeforeAll
    static void generate() throws IOException {
        landing = GeneratedLanding.generate(dir);
        summary = landing.summary();
        data = landing.data();
    }

    @Test
    void sameSeedWritesByteIdenticalFiles() throws IOException {
        Path again = dir.resolve("again");
        GenerationSummary second = new LandingGenerator(SEED, ACCOUNTS, START, MONTHS).writeTo(again);
        assertThat(second).isEqualTo(summary);
        for (String entity : HEADERS.keySet()) {
            String file = entity + ".csv";
            assertThat(Files.mismatch(dir.resolve("run").resolve(file), again.resolve(file))).as(file).isEqualTo(-1L);
        }
    }

    @Test
    void differentSeedWritesDifferentFiles() throws IOException {
        Path other = dir.resolve("other");
        new LandingGenerator(SEED + 1, ACCOUNTS, START, MONTHS).writeTo(other);
        for (String entity : HEADERS.keySet()) {
            String file = entity + ".csv";
            assertThat(Files.mismatch(dir.resolve("run").resolve(file), other.resolve(file))).as(file)
                    .isNotEqualTo(-1L);
        }
    }

    @Test
    void everyFileHasExactlyTheContractHeaderAndTheSummaryCountsItsRows() throws IOException {
        assertThat(summary.rowsPerEntity()).containsOnlyKeys(HEADERS.keySet());
        for (Map.Entry<String, String> e : HEADERS.entrySet()) {
            List<String> lines = Files.readAllLines(dir.resolve("run").resolve(e.getKey() + ".csv"),
                    StandardCharsets.UTF_8);
            assertThat(lines.get(0)).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(data.get(e.getKey())).as(e.getKey()).hasSize(summary.rowsPerEntity().get(e.getKey()).intValue())
                    .isNotEmpty();
        }
        assertThat(data.get("accounts")).hasSize(ACCOUNTS);
        assertThat(Files.readString(dir.resolve("run").resolve("deals.csv"))).doesNotContain("\r").endsWith("\n");
    }

    @Test
    void requiredColumnsAreNeverBlank() {
        REQUIRED.forEach((entity, columns) -> {
            for (CSVRecord row : data.get(entity)) {
                for (String column : columns) {
                    assertThat(row.get(column)).as("%s.%s line %d", entity, column, row.getRecordNumber())
                            .isNotBlank();
                }
            }
        });
    }

    @Test
    void idsAreWellFormedUniqueAndInFileOrder() {
        assertIds("accounts", "account_id", "A\\d{5,}");
        assertIds("deals", "deal_id", "D\\d{6,}");
        assertIds("subscriptions", "subscription_id", "S\\d{6,}");
        assertIds("tickets", "ticket_id", "T\\d{6,}");
        assertIds("handoffs", "deal_id", "D\\d{6,}");
        assertIds("survey_responses", "response_id", "R\\d{6,}");
        Set<String> accountIds = column("accounts", "account_id");
        for (String entity : List.of("deals", "subscriptions", "tickets", "handoffs")) {
            assertThat(accountIds).as(entity).containsAll(column(entity, "account_id"));
        }
    }

    @Test
    void timestampsDatesMoneyAndEnumsParse() {
        for (CSVRecord a : data.get("accounts")) {
            assertInWindow(a.get("created_at"));
            assertThat(ts(a.get("updated_at"))).isAfterOrEqualTo(ts(a.get("created_at")));
            assertThat(a.get("segment")).isIn("smb", "mid_market", "enterprise");
            assertThat(a.get("acquisition_channel")).isIn("organic", "paid_search", "outbound", "partner", "events");
            assertThat(a.get("country")).matches("[A-Z]{2}");
        }
        for (CSVRecord d : data.get("deals")) {
            assertInWindow(d.get("created_at"));
            assertThat(d.get("amount")).matches(MONEY);
            assertThat(d.get("is_won")).isIn("true", "false");
            assertThat(d.get("deal_type")).isIn("new_business", "expansion", "renewal");
            assertThat(d.get("lead_source")).isIn("inbound", "outbound", "partner", "event", "referral");
            boolean open = d.get("closed_at").isEmpty();
            assertThat(d.get("stage")).isIn(open
                    ? Set.of("prospecting", "qualification", "discovery", "proposal", "negotiation")
                    : Set.of("closed_won", "closed_lost"));
            assertThat(d.get("is_won")).isEqualTo(Boolean.toString("closed_won".equals(d.get("stage"))));
            if (!open) {
                assertInWindow(d.get("closed_at"));
                assertThat(ts(d.get("closed_at"))).isAfterOrEqualTo(ts(d.get("created_at")));
            }
            assertThat(ts(d.get("updated_at"))).isAfterOrEqualTo(ts(d.get("created_at")));
        }
        for (CSVRecord s : data.get("subscriptions")) {
            LocalDate start = LocalDate.parse(s.get("start_date"));
            assertThat(start).isBetween(WINDOW_START, WINDOW_END.minusDays(1));
            if (!s.get("end_date").isEmpty()) {
                assertThat(LocalDate.parse(s.get("end_date"))).isAfter(start).isBeforeOrEqualTo(HORIZON);
            }
            assertThat(s.get("amount")).matches(MONEY);
            assertThat(new BigDecimal(s.get("amount"))).isPositive();
            assertThat(Integer.parseInt(s.get("quantity"))).isBetween(1, 200);
            assertThat(s.get("billing_period_months")).isIn("1", "3", "12");
            assertThat(s.get("discount_pct")).isIn("0", "10", "15", "20");
            assertThat(s.get("plan")).isIn("starter", "growth", "scale", "enterprise", "analytics");
            assertThat(s.get("status")).isIn("trial", "active", "paused", "canceled");
            assertInWindow(s.get("updated_at"));
        }
        for (CSVRecord t : data.get("tickets")) {
            Instant created = assertInWindow(t.get("created_at"));
            Instant response = t.get("first_response_at").isEmpty() ? null : assertInWindow(t.get("first_response_at"));
            if (response != null) {
                assertThat(Duration.between(created, response)).isBetween(Duration.ofMinutes(12), Duration.ofHours(48));
            }
            if (t.get("solved_at").isEmpty()) {
                assertThat(t.get("status")).isIn("open", "pending");
                assertThat(t.get("csat_score")).isEmpty();
            } else {
                assertThat(response).isNotNull();
                assertThat(assertInWindow(t.get("solved_at"))).isAfter(response);
                assertThat(t.get("status")).isIn("solved", "closed");
            }
            if (!t.get("csat_score").isEmpty()) {
                assertThat(Integer.parseInt(t.get("csat_score"))).isBetween(1, 5);
            }
            assertThat(t.get("priority")).isIn("low", "normal", "high", "urgent");
            assertThat(t.get("channel")).isIn("email", "chat", "phone", "web");
            assertThat(t.get("requester_email")).matches("[a-z]+\\.[a-z]+@[a-z]+\\.example");
            assertThat(ts(t.get("updated_at"))).isAfterOrEqualTo(created);
        }
        for (CSVRecord h : data.get("handoffs")) {
            assertInWindow(h.get("handed_off_at"));
        }
    }

    @Test
    void spendAndFxCoverTheWindow() {
        List<CSVRecord> spend = data.get("spend");
        assertThat(spend).hasSize(MONTHS * 5 * 2);
        for (CSVRecord s : spend) {
            YearMonth month = YearMonth.parse(s.get("month"));
            assertThat(month).isBetween(START, START.plusMonths(MONTHS - 1L));
            assertThat(s.get("category")).isIn("sales", "marketing");
            assertThat(s.get("currency")).isEqualTo("USD");
            assertThat(s.get("amount")).matches(MONEY);
            assertThat(new BigDecimal(s.get("amount"))).isPositive();
        }
        List<CSVRecord> fx = data.get("fx_rates");
        assertThat(column("fx_rates", "currency")).containsExactly("CAD", "EUR", "GBP");
        assertThat(fx).hasSize(3 * (1 + MONTHS + 12));
        Set<LocalDate> dates = new TreeSet<>();
        for (CSVRecord r : fx) {
            LocalDate date = LocalDate.parse(r.get("date"));
            assertThat(date.equals(WINDOW_START) || date.equals(YearMonth.from(date).atEndOfMonth())).isTrue();
            assertThat(r.get("rate_to_reporting")).matches("\\d+\\.\\d{6}");
            assertThat(Double.parseDouble(r.get("rate_to_reporting"))).isBetween(0.4, 2.0);
            dates.add(date);
        }
        assertThat(dates).first().isEqualTo(WINDOW_START);
        assertThat(dates).last().isEqualTo(START.plusMonths(MONTHS + 11L).atEndOfMonth());
        assertThat(fx.stream().map(r -> r.get("date")).toList()).isSorted();
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void assertIds(String entity, String column, String pattern) {
        landing.assertIds(entity, column, pattern);
    }

    private static Set<String> column(String entity, String column) {
        return landing.column(entity, column);
    }
}
