package dev.baton.generate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link VendorGenerator#writeTo} wrote.
 *
 * @param rowsPerFile file path relative to the output folder -> data rows (header excluded), in write order
 * @param linkage "system linkage" (e.g. {@code stripe metadata}) -> identities written with that linkage
 */
public record VendorSummary(Map<String, Long> rowsPerFile, Map<String, Long> linkage) {

    public VendorSummary {
        rowsPerFile = Collections.unmodifiableMap(new LinkedHashMap<>(rowsPerFile));
        linkage = Collections.unmodifiableMap(new LinkedHashMap<>(linkage));
    }
}
