package dev.baton.publish;

import java.util.List;
import java.util.Map;

/**
 * The {@code with:} of a {@code kind: publish} step.
 *
 * @param parquet layers whose tables are also exported as Parquet
 * @param reporting layers whose views go into the reporting catalog
 * @param partitionBy {@code partition_by:} exported table to the column its Parquet files are partitioned by
 */
record PublishOptions(List<String> parquet, List<String> reporting, Map<String, String> partitionBy) {

    PublishOptions {
        parquet = parquet == null ? List.of() : List.copyOf(parquet);
        reporting = reporting == null ? List.of() : List.copyOf(reporting);
        partitionBy = partitionBy == null ? Map.of() : partitionBy;
    }
}
