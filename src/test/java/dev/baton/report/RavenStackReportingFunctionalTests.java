package dev.baton.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RavenStack (reference-data/ravenstack, 500 accounts, 5,000 subscriptions, 2,000 tickets, 600 churn events) end to
 * end. The RavenStack source mapping is being written elsewhere; so this test does not depend on it, it converts the
 * CSVs to canonical landing files itself with a small mapping:
 * <ul>
 * <li>accounts: plan_tier as segment, referral_source as acquisition channel, signup_date as created_at;</li>
 * <li>subscriptions: seats as quantity, mrr_amount / seats as the monthly price per seat (it always divides),
 *     is_trial as status trial; a churn event ends every subscription of the account that started on or before
 *     it (on the churn date), because RavenStack leaves most churned subscriptions without an end date;</li>
 * <li>tickets: submitted_at (a date) at 00:00 UTC, first response = submitted + first_response_time_minutes,
 *     closed_at as solved_at (UTC), satisfaction_score as csat_score.</li>
 * </ul>
 * The expected numbers are computed here in Java straight from the CSVs, independently of the SQL models.
 */
class RavenStackReportingFunctionalTests {

    static final Path RAVENSTACK = Path.of("reference-data/ravenstack");

    @TempDir
    static Path workspace;

    static PublishedWarehouse published;
    static List<Ticket> tickets;
    static Map<String, List<Period>> periods;

    record Ticket(String accountId, LocalDate submitted, double firstResponseHours, String priority, Integer csat) {
    }

    record Period(LocalDate start, LocalDate end, boolean trial) {
        boolean paysOn(LocalDate day) {
            return !trial && !start.isAfter(day) && (end == null || end.isAfter(day));
        }
    }

    @BeforeAll
    static void runRavenStack() throws Exception {
        Path landing = workspace.resolve("landing");
        Files.createDirectories(landing);
        convert(landing);
        Path warehouse = workspace.resolve("warehouse");
        assertThat(BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", warehouse.toString(),
                "--run-date", "2024-12-31")).isZero();
        assertThat(warehouse.resolve("report/index.html")).exists();
        published = new PublishedWarehouse(warehouse);
    }

    @Test
    void ticketsOpenedAndMedianFirstResponsePerAccountMonthMatchTheRawTickets() {
        Map<String, List<Double>> expected = new TreeMap<>();
        for (Ticket ticket : tickets) {
            expected.computeIfAbsent(ticket.accountId() + " " + YearMonth.from(ticket.submitted()), key -> new ArrayList<>())
                    .add(ticket.firstResponseHours());
        }

        Map<String, List<Double>> actual = new TreeMap<>();
        for (Map<String, Object> row : published.rows("""
                select account_id || ' ' || strftime(month_start, '%Y-%m') as account_month, tickets_opened,
                    median_first_response_hours
                from mart_support_account_month where tickets_opened > 0""")) {
            actual.put((String) row.get("account_month"),
                    List.of(((Long) row.get("tickets_opened")).doubleValue(), (Double) row.get("median_first_response_hours")));
        }

        assertThat(actual.keySet()).hasSizeGreaterThan(1000).isEqualTo(expected.keySet());
        expected.forEach((accountMonth, hours) -> {
            assertThat(actual.get(accountMonth).get(0)).as(accountMonth).isEqualTo(hours.size());
            assertThat(actual.get(accountMonth).get(1)).as(accountMonth).isCloseTo(median(hours), within(1e-9));
        });
    }

    @Test
    void escalationsAndCsatMatchTheRawTickets() {
        long highOrUrgent = tickets.stream().filter(t -> t.priority().equals("high") || t.priority().equals("urgent")).count();
        List<Integer> scores = tickets.stream().map(Ticket::csat).filter(score -> score != null).toList();

        Map<String, Object> totals = published.row("""
                select sum(escalations) as escalations, sum(csat_responses) as responses,
                    sum(csat_avg * csat_responses) / sum(csat_responses) as csat
                from mart_support_account_month""");

        assertThat(((Number) totals.get("escalations")).longValue()).isEqualTo(highOrUrgent).isGreaterThan(900);
        assertThat(((Number) totals.get("responses")).longValue()).isEqualTo(scores.size());
        assertThat((Double) totals.get("csat")).isCloseTo(scores.stream().mapToInt(Integer::intValue).average().orElseThrow(),
                within(1e-9));
    }

    @Test
    void churnPerMonthAndSupportBeforeChurnMatchAnIndependentCount() {
        // an account churns in month M when it paid on the last day of M-1 and pays nothing on the last day of M;
        // it is retained in M when it pays on both days
        Map<String, Long> churnsPerMonth = new TreeMap<>();
        long ticketsBeforeChurn = 0;
        long churns = 0;
        long retainedMonths = 0;
        Map<String, Long> ticketsPerAccountMonth = new HashMap<>();
        tickets.forEach(t -> ticketsPerAccountMonth.merge(t.accountId() + " " + YearMonth.from(t.submitted()), 1L, Long::sum));
        for (Map.Entry<String, List<Period>> account : periods.entrySet()) {
            boolean paidBefore = false;
            for (YearMonth month = YearMonth.of(2023, 1); !month.isAfter(YearMonth.of(2024, 12)); month = month.plusMonths(1)) {
                LocalDate lastDay = month.atEndOfMonth();
                boolean pays = account.getValue().stream().anyMatch(period -> period.paysOn(lastDay));
                if (paidBefore && !pays) {
                    churnsPerMonth.merge(month.toString(), 1L, Long::sum);
                    churns++;
                    for (int back = 1; back <= 3; back++) {
                        ticketsBeforeChurn += ticketsPerAccountMonth.getOrDefault(account.getKey() + " " + month.minusMonths(back), 0L);
                    }
                }
                if (paidBefore && pays) {
                    retainedMonths++;
                }
                paidBefore = pays;
            }
        }

        Map<String, Long> actual = new TreeMap<>();
        published.rows("""
                select strftime(month, '%Y-%m') as month, churned_accounts from mart_churn_monthly
                where segment = 'all' and churned_accounts > 0""")
                .forEach(row -> actual.put((String) row.get("month"), (Long) row.get("churned_accounts")));
        assertThat(churns).isGreaterThan(200);
        assertThat(actual).isEqualTo(churnsPerMonth);

        Map<String, Object> churned = published.row("select * from mart_support_before_churn where outcome = 'churned'");
        assertThat(churned.get("account_months")).isEqualTo(churns);
        assertThat(churned.get("tickets_opened")).isEqualTo(ticketsBeforeChurn);
        assertThat(ticketsBeforeChurn).isPositive();
        assertThat(published.row("select account_months from mart_support_before_churn where outcome = 'retained'")
                .get("account_months")).isEqualTo(retainedMonths);
    }

    @Test
    void theReportOfAVendorNightDrawsWhatItHasAndSaysWhatItLacks() throws Exception {
        RenderedReport report = RenderedReport.open(workspace.resolve("warehouse/report/index.html"), workspace.resolve("chromium"), null);

        ReportInvariants.assertChartsReadable(report);
        assertThat(report.strings("overflow")).isEmpty();
        assertThat(report.charts()).extracting(chart -> chart.get("id").asString())
                .contains("revenue-bridge", "retention-heatmap", "support-load", "support-before-churn", "health-distribution");
        // the converted export has no deals, hand-offs or spend: those sections say so instead of drawing nothing
        assertThat(report.strings("empty")).anyMatch(text -> text.startsWith("ltvCac: No data"))
                .anyMatch(text -> text.startsWith("funnel: No data")).anyMatch(text -> text.startsWith("handoffOwner: No data"));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    // ---- the RavenStack -> canonical landing mapping (test-local on purpose, see the class comment) ----

    private static void convert(Path landing) throws IOException {
        Map<String, List<LocalDate>> churnDates = new HashMap<>();
        for (CSVRecord churn : read("ravenstack_churn_events.csv")) {
            churnDates.computeIfAbsent(churn.get("account_id"), key -> new ArrayList<>()).add(LocalDate.parse(churn.get("churn_date")));
        }
        try (CSVPrinter out = printer(landing.resolve("accounts.csv"), "account_id", "account_name", "segment", "industry",
                "country", "acquisition_channel", "created_at")) {
            for (CSVRecord account : read("ravenstack_accounts.csv")) {
                out.printRecord(account.get("account_id"), account.get("account_name"), account.get("plan_tier").toLowerCase(),
                        account.get("industry"), account.get("country"), account.get("referral_source"),
                        account.get("signup_date") + "T00:00:00Z");
            }
        }
        periods = new HashMap<>();
        try (CSVPrinter out = printer(landing.resolve("subscriptions.csv"), "subscription_id", "account_id", "plan", "quantity",
                "amount", "currency", "billing_period_months", "discount_pct", "start_date", "end_date", "status")) {
            for (CSVRecord subscription : read("ravenstack_subscriptions.csv")) {
                LocalDate start = LocalDate.parse(subscription.get("start_date"));
                LocalDate end = subscription.get("end_date").isEmpty() ? null : LocalDate.parse(subscription.get("end_date"));
                for (LocalDate churn : churnDates.getOrDefault(subscription.get("account_id"), List.of())) {
                    if (!churn.isBefore(start) && (end == null || churn.isBefore(end))) {
                        end = churn;
                    }
                }
                boolean trial = subscription.get("is_trial").equals("True");
                int seats = Integer.parseInt(subscription.get("seats"));
                int mrr = Integer.parseInt(subscription.get("mrr_amount"));
                out.printRecord(subscription.get("subscription_id"), subscription.get("account_id"), subscription.get("plan_tier"),
                        seats, mrr / seats, "USD", 1, 0, start, end == null ? "" : end,
                        trial ? "trial" : end == null ? "active" : "canceled");
                periods.computeIfAbsent(subscription.get("account_id"), key -> new ArrayList<>()).add(new Period(start, end, trial));
            }
        }
        tickets = new ArrayList<>();
        try (CSVPrinter out = printer(landing.resolve("tickets.csv"), "ticket_id", "account_id", "created_at",
                "first_response_at", "solved_at", "status", "priority", "csat_score")) {
            for (CSVRecord ticket : read("ravenstack_support_tickets.csv")) {
                LocalDate submitted = LocalDate.parse(ticket.get("submitted_at"));
                int responseMinutes = Integer.parseInt(ticket.get("first_response_time_minutes"));
                LocalDateTime created = submitted.atStartOfDay();
                String closed = ticket.get("closed_at");
                Integer csat = ticket.get("satisfaction_score").isEmpty() ? null
                        : (int) Double.parseDouble(ticket.get("satisfaction_score"));
                out.printRecord(ticket.get("ticket_id"), ticket.get("account_id"), created.atOffset(ZoneOffset.UTC),
                        created.plusMinutes(responseMinutes).atOffset(ZoneOffset.UTC),
                        closed.isEmpty() ? "" : closed.replace(' ', 'T') + "Z", closed.isEmpty() ? "open" : "solved",
                        ticket.get("priority"), csat == null ? "" : csat);
                tickets.add(new Ticket(ticket.get("account_id"), submitted, responseMinutes / 60.0, ticket.get("priority"), csat));
            }
        }
    }

    private static List<CSVRecord> read(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(RAVENSTACK.resolve(file), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }

    private static CSVPrinter printer(Path file, String... header) throws IOException {
        Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(header).setRecordSeparator("\n").get());
    }
}
