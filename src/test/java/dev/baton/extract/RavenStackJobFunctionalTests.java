package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code ravenstack} job on reference-data/ravenstack for 2024-12-31, through its source mapping
 * (jobs/sources/ravenstack.yml). The expectations are worked out here in Java from the raw CSVs, applying the
 * mapping's written rules (supersession, churn events) independently of its SQL.
 */
class RavenStackJobFunctionalTests {

    private static final Path RAVENSTACK = Path.of("reference-data/ravenstack");
    private static final YearMonth FIRST = YearMonth.of(2023, 1);
    private static final YearMonth LAST = YearMonth.of(2024, 12);

    @TempDir
    static Path workspace;

    static PublishedWarehouse published;
    /** account -> its subscriptions with the end the mapping's rules give them. */
    static Map<String, List<Row>> accounts;
    static Map<String, List<LocalDate>> churnEvents;

    record Row(String id, LocalDate start, LocalDate end, boolean trial, BigDecimal monthly) {
        boolean paysOn(LocalDate day) {
            return !trial && !start.isAfter(day) && (end == null || end.isAfter(day));
        }
    }

    @BeforeAll
    static void runTheShippedJob() throws Exception {
        readRaw();
        Path warehouse = workspace.resolve("warehouse");
        Scenarios.Captured run = Scenarios.capture(() -> BatonCli.execute("run", "--job", "ravenstack", "--landing", RAVENSTACK.toString(),
                "--warehouse", warehouse.toString(), "--run-date", "2024-12-31"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        published = new PublishedWarehouse(warehouse);
    }

    @Test
    void closingMrrEachMonthIsTheSumOfTheSubscriptionsInForceOnItsLastDay() {
        Map<String, BigDecimal> expected = new TreeMap<>();
        for (YearMonth month = FIRST; !month.isAfter(LAST); month = month.plusMonths(1)) {
            LocalDate lastDay = month.atEndOfMonth();
            BigDecimal total = accounts.values().stream().flatMap(List::stream).filter(row -> row.paysOn(lastDay))
                    .map(Row::monthly).reduce(BigDecimal.ZERO, BigDecimal::add);
            expected.put(month.toString(), total);
        }
        Map<String, BigDecimal> actual = new TreeMap<>();
        published.rows("select strftime(month, '%Y-%m') as month, closing_mrr from mart_mrr_bridge")
                .forEach(row -> actual.put((String) row.get("month"), (BigDecimal) row.get("closing_mrr")));

        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((month, mrr) -> assertThat(actual.get(month).doubleValue()).as(month).isCloseTo(mrr.doubleValue(), within(1e-4)));
        // stacked, the export summed to about 10.16M in 2024-12; one subscription at a time it is about a tenth
        assertThat(expected.get("2024-12").doubleValue()).isBetween(500_000.0, 2_000_000.0);
    }

    @Test
    void accountsWhoseChurnEventEndsTheirPayingShowAsChurnedThatMonth() {
        // an account churns in month M when it paid on the last day of M-1 and pays nothing on the last day of M
        Set<String> expected = new TreeSet<>();
        Set<String> byChurnEvent = new TreeSet<>();
        accounts.forEach((account, rows) -> {
            for (YearMonth month = FIRST.plusMonths(1); !month.isAfter(LAST); month = month.plusMonths(1)) {
                LocalDate before = month.minusMonths(1).atEndOfMonth();
                LocalDate lastDay = month.atEndOfMonth();
                if (rows.stream().anyMatch(row -> row.paysOn(before)) && rows.stream().noneMatch(row -> row.paysOn(lastDay))) {
                    expected.add(account + " " + month);
                    YearMonth churnMonth = month;
                    if (churnEvents.getOrDefault(account, List.of()).stream().anyMatch(day -> YearMonth.from(day).equals(churnMonth))) {
                        byChurnEvent.add(account);
                    }
                }
            }
        });
        Set<String> actual = new TreeSet<>();
        published.rows("select account_id || ' ' || strftime(month_start, '%Y-%m') as churn from fct_mrr_movement where churned_mrr > 0")
                .forEach(row -> actual.add((String) row.get("churn")));

        assertThat(actual).isEqualTo(expected);
        // 352 accounts have churn events; most of them were paying when it came and did not return that month
        assertThat(churnEvents).hasSize(352);
        assertThat(byChurnEvent).hasSizeGreaterThan(200);
        Set<String> churnedAccounts = new TreeSet<>();
        published.rows("select distinct account_id from fct_mrr_movement where churned_mrr > 0")
                .forEach(row -> churnedAccounts.add((String) row.get("account_id")));
        assertThat(churnedAccounts).containsAll(byChurnEvent);
    }

    @Test
    void cohortsOfTenOrMoreAccountsKeepNrrAtOrBelowThree() {
        Map<String, Object> worst = published.row("""
                select max(nrr) as nrr, count(distinct cohort_month) as cohorts from mart_cohort_nrr where cohort_accounts >= 10""");

        assertThat(((Number) worst.get("cohorts")).longValue()).isGreaterThan(15);
        assertThat((Double) worst.get("nrr")).isLessThanOrEqualTo(3.0);
    }

    @Test
    void withoutASpendFeedCacIsEmpty() {
        // RavenStack delivers no spend: spend, CAC, LTV/CAC and payback are NULL (docs/metrics.md), never 0
        Map<String, Object> cac = published.row("""
                select count(*) as channel_months,
                       count(*) filter (where spend is not null or cac is not null or ltv_cac is not null
                                        or cac_payback_months is not null) as filled
                from mart_ltv_cac""");

        assertThat(((Number) cac.get("channel_months")).longValue()).isPositive();
        assertThat(((Number) cac.get("filled")).longValue()).isZero();
    }

    // ---- the mapping's rules, applied to the raw CSVs ----

    private static void readRaw() throws IOException {
        churnEvents = new TreeMap<>();
        for (CSVRecord churn : read("ravenstack_churn_events.csv")) {
            churnEvents.computeIfAbsent(churn.get("account_id"), key -> new ArrayList<>()).add(LocalDate.parse(churn.get("churn_date")));
        }
        Map<String, List<CSVRecord>> raw = new HashMap<>();
        for (CSVRecord subscription : read("ravenstack_subscriptions.csv")) {
            raw.computeIfAbsent(subscription.get("account_id"), key -> new ArrayList<>()).add(subscription);
        }
        accounts = new TreeMap<>();
        raw.forEach((account, records) -> {
            // newer = later start, or the same start and a greater subscription_id
            records.sort(Comparator.comparing((CSVRecord r) -> r.get("start_date")).thenComparing(r -> r.get("subscription_id")));
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                CSVRecord record = records.get(i);
                LocalDate start = LocalDate.parse(record.get("start_date"));
                boolean trial = record.get("is_trial").equals("True");
                LocalDate end = record.get("end_date").isEmpty() ? null : LocalDate.parse(record.get("end_date"));
                if (end == null) {
                    // an open row ends when the next newer subscription starts (a trial never ends a paid row)
                    for (CSVRecord newer : records.subList(i + 1, records.size())) {
                        if (trial || !newer.get("is_trial").equals("True")) {
                            end = LocalDate.parse(newer.get("start_date"));
                            break;
                        }
                    }
                }
                // a churn event after the row started ends it on that day, unless it ended before
                for (LocalDate churn : churnEvents.getOrDefault(account, List.of())) {
                    if (churn.isAfter(start) && (end == null || churn.isBefore(end))) {
                        end = churn;
                    }
                }
                boolean annual = record.get("billing_frequency").equals("annual");
                BigDecimal monthly = annual ? new BigDecimal(record.get("arr_amount")).divide(BigDecimal.valueOf(12), 10, RoundingMode.HALF_UP)
                        : new BigDecimal(record.get("mrr_amount"));
                rows.add(new Row(record.get("subscription_id"), start, end, trial, monthly));
            }
            accounts.put(account, rows);
        });
    }

    private static List<CSVRecord> read(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(RAVENSTACK.resolve(file), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }
}
