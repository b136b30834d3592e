package dev.baton.extract;

import java.util.List;

/**
 * The {@code with:} of a {@code kind: extract} step. One of {@code source} and {@code jdbc} alone, or canonical
 * {@code entities} and/or several {@code sources} together (one night from a CRM, a billing and a helpdesk export).
 *
 * @param entities canonical landing files to load ({@code <entity>*.csv|jsonl|parquet})
 * @param source a source mapping in {@code jobs/sources/} that maps export files onto the contract
 * @param jdbc a JDBC source in {@code jobs/sources/} (rows changed since the stored watermark)
 * @param sources source mappings each reading its own folder under the landing folder, or JDBC sources
 */
record ExtractOptions(List<String> entities, String source, String jdbc, List<SourceFolder> sources) {

    ExtractOptions {
        entities = entities == null ? List.of() : List.copyOf(entities);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /**
     * One source of a several-source night: a source mapping over files, or a JDBC source.
     *
     * @param source a source mapping in {@code jobs/sources/}
     * @param folder the folder its export files are in, relative to the landing folder; the mapping's name when omitted
     * @param jdbc a JDBC source in {@code jobs/sources/}, instead of {@code source}
     */
    record SourceFolder(String source, String folder, String jdbc) {

        String folderOrDefault() {
            return folder == null ? source : folder;
        }
    }
}
