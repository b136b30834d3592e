package dev.baton.generate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link LandingGenerator#writeTo} wrote: entity name (file name without {@code .csv}) to the
 * number of data rows (header excluded), in file order.
 */
public record GenerationSummary(Map<String, Long> rowsPerEntity) {

    public GenerationSummary {
        rowsPerEntity = Collections.unmodifiableMap(new LinkedHashMap<>(rowsPerEntity));
    }

    /** Sum of data rows over all entities. */
    public long totalRows() {
        return rowsPerEntity.values().stream().mapToLong(Long::longValue).sum();
    }
}
