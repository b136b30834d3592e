package dev.baton.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;

/**
 * One account per MRR rule, every number worked out by hand (scenario {@code metric_rules}, run date 2025-01-15,
 * months 2024-01 .. 2025-01, reporting currency USD). Each test class runs the scenario twice: once with the default settings and
 * once with every vendor alternative switched on ({@code reporting-time-zone=America/New_York,
 * churn-recognition=cancellation-date, pause-treatment=churn, trials=included, discounts=list,
 * fx-rate-rule=month-average}). Rates: EUR 1.05 (Jan 15), 1.10 (Jan 31), 1.10 (Feb 29), 1.15 (Mar 15), 1.20 (Mar 31);
 * GBP 1.25 (Jan 31), 1.30 (Feb 29); no later rows, so the March rates hold to the end.
 * <pre>
 * account rule                       subscriptions                                         default MRR by month
 * B1  annual plan                    2400 USD / 12 months, 2024-01-01 .. 2025-01-01         200 Jan-Dec, 0 Jan 2025 (churn)
 * B2  upgrade mid-month              100 to 2024-03-15, then 300                            100 100 300 ... (expansion 200 in Mar)
 * B3  downgrade (seats)              250 x 2 to 2024-04-10, then 250 x 1                    500 500 500 250 ... (contraction 250 in Apr)
 * B4  cancel and come back           80, canceled 2024-02-05, paid to 2024-03-05; 120 from 04-05
 *                                                                                          80 80 0 120 ... (churn Mar, reactivation Apr)
 * B5  pause                          60; paused 2024-03-01 .. 05-01; 60 again               60 60 0 0 60 ... (contraction Mar, expansion May)
 * B6  trial converting               trial 90 2024-01-10 .. 02-10, then 90                  - 90 90 ... (new in Feb)
 * B7  two currencies, moving rate    1000 EUR + 100 GBP                                     1225 1230 1330 ... (fx +5 Feb, +100 Mar)
 * B8  two overlapping subscriptions  200 open + add-on 50 2024-02-15 .. 05-15               200 250 250 250 200 ...
 * B9  ends after the run date        900 USD / 3 months to 2025-04-01, canceled 2024-05-31 23:30 New York
 *                                                                                          300 every month, no churn yet
 * B10 multi-year term                12600 USD / 36 months from 2024-02-01                  - 350 350 ...
 * B11 percentage discount            400 at 25% off to 2024-04-01, then 400                 300 300 300 400 ... (expansion 100 in Apr)
 * B12 never paid                     trial 70 2024-03-10 .. 04-10                           no MRR row at all
 *
 * Bridge (default) opening   new  expansion contraction churn reactivation  fx  closing
 *  2024-01             0  2965          0           0     0            0   0     2965  (all but B6, B10, B12)
 *  2024-02          2965   440         50           0     0            0   5     3460  (B6 90 + B10 350 new; B8 add-on; GBP 1.25 -> 1.30)
 *  2024-03          3460     0        200          60    80            0 100     3620  (B2 up, B5 pause, B4 churn, EUR 1.10 -> 1.20)
 *  2024-04          3620     0        100         250     0          120   0     3590  (B11 discount ends, B3 seats down, B4 back)
 *  2024-05          3590     0         60          50     0            0   0     3600  (B5 resumes, B8 add-on ends)
 *  2024-06..12      3600     0          0           0     0            0   0     3600
 *  2025-01          3600     0          0           0   200            0   0     3400  (B1's annual term ended)
 * </pre>
 */
record MetricRulesScenario(PublishedWarehouse defaults, PublishedWarehouse alternatives) {

    /** Runs the scenario under {@code workspace} with the default settings and with every alternative. */
    static MetricRulesScenario runWithDefaultAndAlternativeSettings(Path workspace) throws Exception {
        Path landing = Scenarios.copy("metric_rules", workspace.resolve("landing"));
        assertThat(run(landing, workspace.resolve("defaults"))).isZero();
        assertThat(run(landing, workspace.resolve("alternatives"),
                "-Dbaton.metrics.reporting-time-zone=America/New_York",
                "-Dbaton.metrics.churn-recognition=cancellation-date",
                "-Dbaton.metrics.pause-treatment=churn",
                "-Dbaton.metrics.trials=included",
                "-Dbaton.metrics.discounts=list",
                "-Dbaton.metrics.fx-rate-rule=month-average")).isZero();
        return new MetricRulesScenario(new PublishedWarehouse(workspace.resolve("defaults")),
                new PublishedWarehouse(workspace.resolve("alternatives")));
    }

    static int run(Path landing, Path warehouse, String... settings) {
        String[] base = {"run", "--landing", landing.toString(), "--warehouse", warehouse.toString(), "--run-date", "2025-01-15"};
        return BatonCli.execute(Stream.concat(Stream.of(base), Stream.of(settings)).toArray(String[]::new));
    }

    /** "2024-03 300 expansion" per month up to {@code lastMonth}: closing MRR and movement type of one account. */
    static List<String> timeline(PublishedWarehouse warehouse, String account, String lastMonth) {
        return warehouse.rows("""
                select strftime(month_start, '%%Y-%%m') as month, closing_mrr, movement_type
                from fct_mrr_movement
                where account_id = '%s' and month_start <= date '%s-01'
                order by month_start""".formatted(account, lastMonth)).stream()
                .map(row -> row.get("month") + " " + money(row.get("closing_mrr")) + " " + row.get("movement_type"))
                .toList();
    }

    static String money(Object value) {
        return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
    }
}
