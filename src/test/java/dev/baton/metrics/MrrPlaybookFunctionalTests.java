package dev.baton.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dbt mrr-playbook seed (reference-data/mrr_playbook/subscription_periods.csv, 121 periods of 55 customers)
 * loaded through Baton's subscription contract and compared with the playbook's own change categories.
 *
 * <p>The playbook's categories are computed here by {@link Playbook}, a plain-Java transcription of its models
 * (util_months, customer_revenue_by_month, customer_churn_month, mrr), not by Baton's SQL. Where the two differ,
 * the difference is named customer by customer, and docs/metrics.md says why Baton's answer is the right one.
 */
class MrrPlaybookFunctionalTests {

    private static final Path SEED = Path.of("reference-data/mrr_playbook/subscription_periods.csv");
    /** Baton's run date; the playbook's spine ends before date_trunc('month', current_date), taken as the same day. */
    private static final LocalDate RUN_DATE = LocalDate.of(2020, 2, 29);

    @TempDir
    Path workspace;

    @Test
    void seedCountsMatchThePlaybookExceptTheCustomersItsSpineDrops() throws IOException {
        // given the seed as canonical landing files
        List<Period> seed = Period.read(SEED);
        assertThat(seed).hasSize(121);
        Path landing = writeLanding(seed, workspace.resolve("landing"));

        // when
        assertThat(BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", workspace.resolve("w").toString(),
                "--run-date", RUN_DATE.toString())).isZero();
        PublishedWarehouse warehouse = new PublishedWarehouse(workspace.resolve("w"));

        // then: the playbook's own counts over this seed. Its spine starts 2018-01-01, so 52 of the 55 customers have
        // rows; every one of them has left by February 2020 (52 churns) and 3 of them left and came back in between
        // (3 more churns, 3 reactivations) -> churn 55; 30 upgrades and 27 downgrades
        Map<String, Long> playbook = Playbook.categoryCounts(seed, RUN_DATE);
        assertThat(playbook).containsExactlyInAnyOrderEntriesOf(Map.of(
                "new", 52L, "upgrade", 30L, "downgrade", 27L, "churn", 55L, "reactivation", 3L));

        // Baton: the same, plus customers 2, 3 and 4, who paid only in 2017 (before the playbook's spine starts):
        // each is a new account in 2017-09/10 and a churn in 2017-10/11 -> new 52 + 3 = 55, churn 55 + 3 = 58
        Map<String, Long> baton = batonCategoryCounts(warehouse);
        assertThat(baton).containsExactlyInAnyOrderEntriesOf(Map.of(
                "new", 55L, "expansion", 30L, "contraction", 27L, "churn", 58L, "reactivation", 3L));
        assertThat(warehouse.rows("""
                select account_id || ' ' || strftime(month_start, '%Y-%m') || ' ' || movement_type as movement
                from fct_mrr_movement where month_start < date '2018-01-01' and movement_type <> 'none'
                order by month_start, account_id""")).extracting(row -> row.get("movement")).containsExactly(
                "2 2017-09 new", "3 2017-09 new", "3 2017-10 churn", "4 2017-10 new", "2 2017-11 churn", "4 2017-11 churn");

        // and on every customer-month from 2018 on, the two agree exactly, category by category
        assertThat(batonMovements(warehouse, LocalDate.of(2018, 1, 1))).isEqualTo(Playbook.movements(seed, RUN_DATE));
    }

    @Test
    void openEndedSubscriptionsAreLostByThePlaybookAndKeptByBaton() throws IOException {
        // given the seed plus two customers with an open-ended subscription (blank end_date, still paying):
        //  56: 40 from 2019-06-01, open                -> playbook: no row at all (max(end_date) is null, empty spine)
        //  57: 30 from 2019-03-01 to 2019-06-01, then 60 open
        //                                              -> playbook: new 2019-03, churn 2019-06 (its spine stops at the last
        //                                                 non-blank end_date); Baton: new 2019-03, expansion 2019-06
        List<Period> periods = new ArrayList<>(Period.read(SEED));
        periods.add(new Period("122", "56", LocalDate.of(2019, 6, 1), null, 40));
        periods.add(new Period("123", "57", LocalDate.of(2019, 3, 1), LocalDate.of(2019, 6, 1), 30));
        periods.add(new Period("124", "57", LocalDate.of(2019, 6, 1), null, 60));
        Path landing = writeLanding(periods, workspace.resolve("landing"));

        // when
        assertThat(BatonCli.execute("run", "--landing", landing.toString(), "--warehouse", workspace.resolve("w").toString(),
                "--run-date", RUN_DATE.toString())).isZero();
        PublishedWarehouse warehouse = new PublishedWarehouse(workspace.resolve("w"));

        // then
        Map<String, String> playbook = Playbook.movements(periods, RUN_DATE);
        assertThat(playbook).doesNotContainKey("56 2019-06").containsEntry("57 2019-03", "new").containsEntry("57 2019-06", "churn");
        assertThat(warehouse.rows("""
                select account_id || ' ' || strftime(month_start, '%Y-%m') || ' ' || movement_type || ' ' || cast(cast(closing_mrr as integer) as varchar) as m
                from fct_mrr_movement where account_id in ('56', '57') and movement_type <> 'none' order by account_id, month_start"""))
                .extracting(row -> row.get("m"))
                .containsExactly("56 2019-06 new 40", "57 2019-03 new 30", "57 2019-06 expansion 60");
        // both still pay in the run month: 40 + 60 = 100 of Baton's February 2020 MRR, which the playbook misses
        assertThat(warehouse.decimal("""
                select sum(mrr) from fct_mrr_month where account_id in ('56', '57') and month_start = date '2020-02-01'"""))
                .isEqualByComparingTo("100");
    }

    private static Path writeLanding(List<Period> periods, Path landing) throws IOException {
        Files.createDirectories(landing);
        List<String> accounts = new ArrayList<>(List.of(
                "account_id,account_name,segment,industry,country,acquisition_channel,sales_owner,csm_owner,created_at,updated_at"));
        periods.stream().map(Period::customerId).distinct()
                .forEach(customer -> accounts.add(customer + ",customer " + customer + ",,,,,,,,"));
        List<String> subscriptions = new ArrayList<>(List.of(
                "subscription_id,account_id,plan,quantity,amount,currency,billing_period_months,discount_pct,start_date,end_date,status,updated_at"));
        for (Period period : periods) {
            subscriptions.add(String.join(",", period.subscriptionId(), period.customerId(), "playbook", "1",
                    Integer.toString(period.monthlyAmount()), "USD", "1", "0", period.startDate().toString(),
                    period.endDate() == null ? "" : period.endDate().toString(), "active", ""));
        }
        Files.write(landing.resolve("accounts.csv"), accounts);
        Files.write(landing.resolve("subscriptions.csv"), subscriptions);
        return landing;
    }

    private static Map<String, Long> batonCategoryCounts(PublishedWarehouse warehouse) {
        Map<String, Long> counts = new TreeMap<>();
        warehouse.rows("select movement_type, count(*) as n from fct_mrr_movement where movement_type <> 'none' group by movement_type")
                .forEach(row -> counts.put(row.get("movement_type").toString(), (Long) row.get("n")));
        return counts;
    }

    /** "customer yyyy-MM" -> playbook category name, Baton's expansion/contraction read as upgrade/downgrade. */
    private static Map<String, String> batonMovements(PublishedWarehouse warehouse, LocalDate from) {
        Map<String, String> movements = new TreeMap<>();
        warehouse.rows("""
                select account_id || ' ' || strftime(month_start, '%%Y-%%m') as k, movement_type
                from fct_mrr_movement where movement_type <> 'none' and month_start >= date '%s'""".formatted(from))
                .forEach(row -> movements.put(row.get("k").toString(), switch (row.get("movement_type").toString()) {
                    case "expansion" -> "upgrade";
                    case "contraction" -> "downgrade";
                    default -> row.get("movement_type").toString();
                }));
        return movements;
    }

    record Period(String subscriptionId, String customerId, LocalDate startDate, LocalDate endDate, int monthlyAmount) {

        static List<Period> read(Path csv) throws IOException {
            return Files.readAllLines(csv).stream().skip(1).filter(line -> !line.isBlank()).map(line -> line.split(",", -1))
                    .map(cells -> new Period(cells[0], cells[1], LocalDate.parse(cells[2]),
                            cells[3].isBlank() ? null : LocalDate.parse(cells[3]), Integer.parseInt(cells[4].trim())))
                    .toList();
        }
    }

    /**
     * The playbook's rules, transcribed: a month spine from 2018-01-01 up to (not including) the current month; per
     * customer the months from the month of its first start_date up to (not including) the month of its latest
     * end_date (a blank end_date is ignored by max, and no spine at all when every end_date is blank); a month's MRR is
     * the amount of each period with start_date <= month < end_date (a blank end_date never matches); one extra
     * zero row the month after the last active month; categories new / churn / reactivation / upgrade / downgrade in
     * that order, comparing with the previous row of the customer.
     */
    static final class Playbook {

        private static final LocalDate SPINE_START = LocalDate.of(2018, 1, 1);

        private record Row(String customerId, LocalDate month, int mrr, boolean isFirst) {
        }

        static Map<String, String> movements(List<Period> periods, LocalDate currentDate) {
            LocalDate spineEnd = currentDate.withDayOfMonth(1);
            Map<String, String> categories = new TreeMap<>();
            Map<String, List<Period>> byCustomer = periods.stream().collect(Collectors.groupingBy(Period::customerId));
            for (Map.Entry<String, List<Period>> customer : byCustomer.entrySet()) {
                List<Period> own = customer.getValue();
                LocalDate firstMonth = own.stream().map(Period::startDate).min(Comparator.naturalOrder()).orElseThrow().withDayOfMonth(1);
                LocalDate lastEndMonth = own.stream().map(Period::endDate).filter(Objects::nonNull)
                        .max(Comparator.naturalOrder()).map(end -> end.withDayOfMonth(1)).orElse(null);
                if (lastEndMonth == null) {
                    continue; // months < NULL: the customer has no spine and no rows
                }
                List<Row> rows = new ArrayList<>();
                for (LocalDate month = SPINE_START; month.isBefore(spineEnd); month = month.plusMonths(1)) {
                    if (month.isBefore(firstMonth) || !month.isBefore(lastEndMonth)) {
                        continue;
                    }
                    LocalDate m = month;
                    List<Period> matching = own.stream()
                            .filter(p -> !m.isBefore(p.startDate()) && p.endDate() != null && m.isBefore(p.endDate())).toList();
                    if (matching.isEmpty()) {
                        rows.add(new Row(customer.getKey(), month, 0, false));
                    } else {
                        matching.forEach(p -> rows.add(new Row(customer.getKey(), m, p.monthlyAmount(), false)));
                    }
                }
                LocalDate firstActive = rows.stream().filter(r -> r.mrr() > 0).map(Row::month).min(Comparator.naturalOrder()).orElse(null);
                LocalDate lastActive = rows.stream().filter(r -> r.mrr() > 0).map(Row::month).max(Comparator.naturalOrder()).orElse(null);
                List<Row> unioned = new ArrayList<>(rows.stream()
                        .map(r -> new Row(r.customerId(), r.month(), r.mrr(), r.month().equals(firstActive))).toList());
                if (lastActive != null) {
                    unioned.add(new Row(customer.getKey(), lastActive.plusMonths(1), 0, false));
                }
                unioned.sort(Comparator.comparing(Row::month));
                Row previous = null;
                for (Row row : unioned) {
                    boolean active = row.mrr() > 0;
                    boolean previousActive = previous != null && previous.mrr() > 0;
                    int change = row.mrr() - (previous == null ? 0 : previous.mrr());
                    String category = row.isFirst() ? "new"
                            : !active && previousActive ? "churn"
                            : active && !previousActive ? "reactivation"
                            : change > 0 ? "upgrade"
                            : change < 0 ? "downgrade"
                            : null;
                    if (category != null) {
                        categories.put(row.customerId() + " " + row.month().toString().substring(0, 7), category);
                    }
                    previous = row;
                }
            }
            return categories;
        }

        static Map<String, Long> categoryCounts(List<Period> periods, LocalDate currentDate) {
            return new TreeMap<>(movements(periods, currentDate).values().stream()
                    .collect(Collectors.groupingBy(category -> category, Collectors.counting())));
        }
    }
}
