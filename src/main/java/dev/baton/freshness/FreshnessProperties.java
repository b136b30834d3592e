package dev.baton.freshness;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code baton.freshness.*}.
 *
 * @param maxAge how far a fact feed's newest date may lie before the run date: an ISO-8601 period ({@code P35D},
 *        {@code P2M}), or {@code off} for no check
 */
@ConfigurationProperties("baton.freshness")
record FreshnessProperties(@DefaultValue("P35D") String maxAge) {

    static final String SETTING = "baton.freshness.max-age";

    FreshnessProperties {
        limit(maxAge);
    }

    /** The period, or empty when the check is off. */
    Optional<Period> limit() {
        return limit(maxAge);
    }

    private static Optional<Period> limit(String maxAge) {
        String value = maxAge == null ? "" : maxAge.strip();
        if (value.equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        try {
            Period period = Period.parse(value);
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException(SETTING + " must be a positive period like P35D, or off; got '" + maxAge + "'");
            }
            return Optional.of(period);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(SETTING + " must be an ISO-8601 period like P35D, or off; got '" + maxAge + "'", e);
        }
    }
}
