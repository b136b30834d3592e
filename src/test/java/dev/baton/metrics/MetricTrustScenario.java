package dev.baton.metrics;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;

/**
 * The rules of issue 17 on data shaped like real companies' data, every number worked out by hand (scenario
 * {@code metric_trust}, run date 2025-01-15, reporting currency USD; the spend feed starts 2023-11, so the months run
 * 2023-11 .. 2025-01). Rates: EUR 1.10 (2024-03-31), 1.20 (2024-06-30); GBP 1.20 (2024-06-15), 1.25 (2024-06-30), 1.30
 * (2024-07-31): no EUR rate before March 2024, no GBP rate before June 2024. Earliest rates: EUR 1.10, GBP 1.20.
 * <pre>
 * account channel   rule                                  subscriptions                              MRR by month
 * P1  organic   pause that lapses, later return      100 to 2024-04-01, paused 04-01..06-01,    100 Jan-Mar, 0 Apr-Aug, 100 from Sep
 *                                                    100 again from 2024-09-01                  (Apr pause, Jun churn 0, Sep reactivation)
 * P2  organic   pause that resumes                   200 to 05-01, paused 05-01..07-01, 200     200 Jan-Apr, 0 May-Jun, 200 from Jul
 * P3  organic   paused at the T12M opening           150 in Dec 2023, paused 2024-01..03, 150   150 Dec, 0 Jan-Feb, 150 from Mar
 * E1  outbound  first month = first month of EUR     1000 EUR from 2024-03-01                   1100 Mar-May, 1200 from Jun (fx +100)
 * C1  referral  GBP added before a cohort rate       100 USD from 2024-01; + 100 GBP from 07-01 100 Jan-Jun, 230 from Jul (+125, fx +5)
 * Q1  partner   canceled, paid to after run date     500 from 2024-02-01 to 2025-01-20          500 Feb 2024 .. Jan 2025
 * R1  partner   canceled row without end_date        10 x 5 seats from 2024-01-01, canceled     50 Jan-Feb, 0 from Mar (churn)
 *                                                    2024-03-10
 * L1  events    never churns                         300 from 2024-01-01                        300 throughout
 *
 * Bridge   opening  new  expansion contraction churn reactivation  fx  closing
 *  2023-12       0   150         0           0     0            0   0     150  (P3)
 *  2024-01     150   750         0         150     0            0   0     750  (P1 100 P2 200 C1 100 R1 50 L1 300; P3 pauses)
 *  2024-02     750   500         0           0     0            0   0    1250  (Q1)
 *  2024-03    1250  1100       150           0    50            0   0    2450  (E1 1000 x 1.10; P3 resumes; R1 canceled)
 *  2024-04    2450     0         0         100     0            0   0    2350  (P1 pauses)
 *  2024-05    2350     0         0         200     0            0   0    2150  (P2 pauses)
 *  2024-06    2150     0         0           0     0            0 100    2250  (P1's pause lapses: churn of 0; EUR 1.10 -> 1.20)
 *  2024-07    2250     0       325           0     0            0   5    2580  (P2 resumes 200; C1's GBP at June's 1.25: 125)
 *  2024-09    2580     0         0           0     0          100   0    2680  (P1 returns)
 *  2025-01    2680     0         0           0     0            0   0    2680
 * Spend: organic 600 (2023-11), 300 (2023-12), 400 (2024-01), 250 (2024-02); outbound 1000 EUR (2024-03); nothing
 * for the other channels (0 spend, since the feed is not empty).
 * </pre>
 * MetricTrustScenarioFunctionalTests runs it with the defaults, with rows added that must fail the night, and over
 * later nights of the run month; MetricTrustUnitEconomicsFunctionalTests with the defaults, with
 * {@code cac-lag-months=1} and without its spend file.
 */
final class MetricTrustScenario {

    static final String RUN_DATE = "2025-01-15";

    private MetricTrustScenario() {
    }

    static int run(Path landing, Path warehouse, String... settings) {
        String[] base = {"run", "--landing", landing.toString(), "--warehouse", warehouse.toString(), "--run-date", RUN_DATE};
        return BatonCli.execute(Stream.concat(Stream.of(base), Stream.of(settings)).toArray(String[]::new));
    }

    static void append(Path file, String... lines) throws Exception {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardOpenOption.APPEND);
    }

    /** "2024-03 300 expansion" per month from {@code firstMonth} to {@code lastMonth}: closing MRR and movement type. */
    static List<String> timeline(PublishedWarehouse warehouse, String account, String firstMonth, String lastMonth) {
        return warehouse.rows("""
                select strftime(month_start, '%%Y-%%m') as month, closing_mrr, movement_type
                from fct_mrr_movement
                where account_id = '%s' and month_start between date '%s-01' and date '%s-01'
                order by month_start""".formatted(account, firstMonth, lastMonth)).stream()
                .map(row -> row.get("month") + " " + money(row.get("closing_mrr")) + " " + row.get("movement_type"))
                .toList();
    }

    static String money(Object value) {
        return value == null ? "empty" : new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
    }
}
