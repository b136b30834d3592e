package dev.baton.extract;

import java.util.List;

/**
 * The {@code with:} of a {@code kind: extract} step; exactly one way of finding the night's rows is meant.
 *
 * @param entities canonical landing files to load ({@code <entity>*.csv|jsonl|parquet})
 * @param source a source mapping in {@code jobs/sources/} that maps export files onto the contract
 * @param jdbc a JDBC source in {@code jobs/sources/} (rows changed since the stored watermark)
 */
record ExtractOptions(List<String> entities, String source, String jdbc) {

    ExtractOptions {
        entities = entities == null ? List.of() : List.copyOf(entities);
    }
}
