package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The landing contract's DuckDB rules and types as Spark SQL. */
class SparkDeliveryCheckTests {

    @Test
    void aFullMatchBecomesAnAnchoredRegexpLikeAndAQuotedKeywordABacktickedName() {
        assertThat(SparkDeliveryCheck.portable("regexp_full_match(\"month\", '[0-9]{4}-(0[1-9]|1[0-2])')"))
                .isEqualTo("regexp_like(`month`, '^(?:[0-9]{4}-(0[1-9]|1[0-2]))$')");
        assertThat(SparkDeliveryCheck.portable("(currency IN ('a\"b\"', 'USD'))")).isEqualTo("(currency IN ('a\"b\"', 'USD'))");
        assertThat(SparkDeliveryCheck.portable("(amount >= 0)")).isEqualTo("(amount >= 0)");
    }

    @Test
    void contractTypesHaveSparkNames() {
        assertThat(SparkDeliveryCheck.sparkType("TIMESTAMP WITH TIME ZONE")).isEqualTo("timestamp");
        assertThat(SparkDeliveryCheck.sparkType("DECIMAL(18,2)")).isEqualTo("decimal(18,2)");
        assertThat(SparkDeliveryCheck.sparkType("INTEGER")).isEqualTo("int");
        assertThatThrownBy(() -> SparkDeliveryCheck.sparkType("HUGEINT")).hasMessageContaining("HUGEINT");
    }
}
