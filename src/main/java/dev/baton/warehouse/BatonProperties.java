package dev.baton.warehouse;

import java.math.BigDecimal;
import java.nio.file.Path;

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
        @DefaultValue Extract extract) {

    /**
     * @param reportingCurrency ISO-4217 code every amount is converted to
     * @param grossMargin share of revenue kept after cost of service, used by LTV and CAC payback
     * @param ltvChurnWindowMonths trailing months of logo churn that LTV divides by
     */
    public record Metrics(
            @DefaultValue("USD") String reportingCurrency,
            @DefaultValue("0.80") BigDecimal grossMargin,
            @DefaultValue("6") int ltvChurnWindowMonths) {
    }

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
}
