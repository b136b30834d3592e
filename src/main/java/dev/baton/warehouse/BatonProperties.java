package dev.baton.warehouse;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code baton.*} in application.yml, each overridable from the environment
 * (e.g. {@code BATON_WAREHOUSE}, {@code BATON_METRICS_REPORTING_CURRENCY}).
 *
 * @param warehouse folder holding the published warehouse, its run state and exports
 * @param projectDir folder with jobs/, sql/ and schedules/; empty means the copies packed in the jar
 */
@ConfigurationProperties("baton")
public record BatonProperties(
        @DefaultValue("warehouse") Path warehouse,
        Path projectDir,
        @DefaultValue Metrics metrics,
        @DefaultValue DuckDb duckdb,
        @DefaultValue Extract extract,
        @DefaultValue Models models) {

    /**
     * Metric settings where billing-analytics vendors disagree; docs/metrics.md explains each one.
     *
     * @param reportingCurrency ISO-4217 code every amount is converted to (the currency the fx_rates feed quotes to)
     * @param grossMargin share of revenue kept after cost of service, used by LTV and CAC payback
     * @param ltvChurnWindowMonths trailing months of logo churn that LTV divides by
     * @param reportingTimeZone zone whose calendar months every timestamp is counted in (deals, tickets,
     *        hand-offs, cancellation dates)
     * @param churnRecognition when a canceled subscription stops counting: at the end of its paid period
     *        (its end_date) or on the day it was canceled (the local date of the canceled row's updated_at)
     * @param pauseTreatment a paused month is 0 MRR either way; it moves as a contraction (and the resume as an
     *        expansion) or as churn (and the resume as a reactivation)
     * @param trials whether trial rows count 0 (excluded) or at their price (included)
     * @param discounts MRR net of percentage discounts, or at list price
     * @param fxRateRule the rate of a month: the latest rate on or before its last day, or the average of the
     *        rates dated in the month (the month-end rate when there are none)
     * @param cacLagMonths a month's new accounts are divided into the spend of this many months earlier (CAC)
     * @param ltvMaxLifetimeMonths the customer lifetime LTV assumes is at most this many months, so near-zero
     *        churn gives a capped, labelled LTV rather than an unbounded one
     */
    public record Metrics(
            @DefaultValue("USD") String reportingCurrency,
            @DefaultValue("0.80") BigDecimal grossMargin,
            @DefaultValue("6") int ltvChurnWindowMonths,
            @DefaultValue("UTC") String reportingTimeZone,
            @DefaultValue("end-of-paid-period") ChurnRecognition churnRecognition,
            @DefaultValue("contraction") PauseTreatment pauseTreatment,
            @DefaultValue("excluded") Trials trials,
            @DefaultValue("net") Discounts discounts,
            @DefaultValue("month-end") FxRateRule fxRateRule,
            @DefaultValue("0") int cacLagMonths,
            @DefaultValue("60") int ltvMaxLifetimeMonths) {

        public Metrics {
            if (reportingCurrency == null || !reportingCurrency.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException("baton.metrics.reporting-currency must be an ISO-4217 code like USD, got '"
                        + reportingCurrency + "'");
            }
            if (grossMargin == null || grossMargin.signum() <= 0 || grossMargin.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("baton.metrics.gross-margin must be in (0, 1], got " + grossMargin);
            }
            if (ltvChurnWindowMonths < 1) {
                throw new IllegalArgumentException("baton.metrics.ltv-churn-window-months must be at least 1, got "
                        + ltvChurnWindowMonths);
            }
            if (cacLagMonths < 0) {
                throw new IllegalArgumentException("baton.metrics.cac-lag-months must be 0 or more, got " + cacLagMonths);
            }
            if (ltvMaxLifetimeMonths < 1) {
                throw new IllegalArgumentException("baton.metrics.ltv-max-lifetime-months must be at least 1, got "
                        + ltvMaxLifetimeMonths);
            }
            try {
                // a region id only: the models hand it to the engine's own time-zone database
                ZoneId.of(reportingTimeZone);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("baton.metrics.reporting-time-zone is not a time zone: '"
                        + reportingTimeZone + "'", e);
            }
        }
    }

    /** The value each setting is written with into run_context, where the models read it. */
    public interface SettingValue {

        default String settingValue() {
            return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public enum ChurnRecognition implements SettingValue { END_OF_PAID_PERIOD, CANCELLATION_DATE }

    public enum PauseTreatment implements SettingValue { CONTRACTION, CHURN }

    public enum Trials implements SettingValue { EXCLUDED, INCLUDED }

    public enum Discounts implements SettingValue { NET, LIST }

    public enum FxRateRule implements SettingValue { MONTH_END, MONTH_AVERAGE }

    /**
     * @param memoryLimit DuckDB memory_limit, e.g. {@code 4GB}; empty leaves DuckDB's default (80% of RAM)
     * @param threads DuckDB worker threads; 0 follows the machine
     */
    public record DuckDb(@DefaultValue("") String memoryLimit, @DefaultValue("0") int threads) {
    }

    /**
     * @param maxQuarantinedShare a delivery with a larger share of bad rows fails the run instead of loading
     */
    public record Extract(@DefaultValue("0.10") double maxQuarantinedShare) {
    }

    /**
     * @param incremental false builds every model whole every night, whatever last night's build says
     */
    public record Models(@DefaultValue("true") boolean incremental) {
    }
}
