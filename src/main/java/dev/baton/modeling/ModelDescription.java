package dev.baton.modeling;

import java.util.Map;

/**
 * What a model's description file ({@code sql/<layer>/<model>.yml}) says: a line for the table and one per column.
 *
 * @param path the description file, e.g. {@code sql/core/dim_month.yml}; empty when the model has none
 * @param description the table's line: the file's {@code description:}, else the model header's grain
 * @param columns column name to its one-line description, in the file's order
 * @param parquet false when the file says {@code parquet: false}: a helper table that only feeds a mart in the same
 *        build stays in {@code warehouse.duckdb} and is not exported to Parquet
 */
public record ModelDescription(String model, String layer, String path, String description, Map<String, String> columns,
        boolean parquet) {

    public ModelDescription {
        columns = Map.copyOf(columns);
    }
}
