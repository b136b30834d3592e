package dev.baton.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import dev.baton.publish.ParquetExport.TableEntry;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code parquet/manifest.json}: what a night exported — per table its row count, columns with DuckDB types,
 * partition column and every file with its size and SHA-256 — so a consumer can check what it read — and the tables of
 * the exported layers kept out of Parquet ({@code parquet: false} in their description file; only in
 * {@code warehouse.duckdb}).
 */
record Manifest(String version, LocalDate runDate, Instant publishedAt, List<TableEntry> tables, List<String> notExported) {

    static final String FILE_NAME = "manifest.json";

    private static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    void writeTo(Path parquetRoot) throws IOException {
        Files.writeString(parquetRoot.resolve(FILE_NAME), JSON.writeValueAsString(this) + "\n");
    }

    static Manifest read(Path parquetRoot) throws IOException {
        return JSON.readValue(Files.readString(parquetRoot.resolve(FILE_NAME)), Manifest.class);
    }
}
