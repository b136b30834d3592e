package dev.baton.extract;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * One run's extraction into a build file. Each source kind ({@link LandingFileExtract}, {@link SourceMappingExtract},
 * {@link JdbcExtract}) puts a delivery's rows into the {@code incoming} temp table and hands it to the one
 * {@link DeliveryPipeline}: loaded through {@link DeliveryLoader}, archived as Parquet under
 * {@code <warehouse>/raw/<entity>/load_date=<date>/} ({@link RawArchive}), written to the {@link LoadLedger}, then
 * committed on its own. An entity loads after the entities it references in the landing contract
 * ({@link EntityReferences}: fx_rates and accounts), because its rows are checked against them.
 */
final class Extraction {

    private final LandingFileExtract files;
    private final SourceMappingExtract mappings;
    private final JdbcExtract jdbc;
    private List<String> unclaimed = List.of();

    Extraction(Connection connection, LocalDate runDate, KeyedHash keyedHash, String reportingCurrency, Path rawArchive,
            double maxQuarantinedShare, boolean requireHashKey) {
        this(connection, runDate, keyedHash, reportingCurrency, rawArchive, maxQuarantinedShare, requireHashKey, null, null);
    }

    /**
     * @param csvEngine reads, types and checks the canonical landing CSV files instead of DuckDB when not null
     *        ({@link DeliveryEngine#of}); source mappings and JDBC sources stay on DuckDB
     * @param engineWorkDir the folder it exchanges Parquet with the build file in
     */
    Extraction(Connection connection, LocalDate runDate, KeyedHash keyedHash, String reportingCurrency, Path rawArchive,
            double maxQuarantinedShare, boolean requireHashKey, DeliveryEngine csvEngine,
            dev.baton.warehouse.WarehouseLayout.EngineNight engineWorkDir) {
        DeliveryPipeline pipeline = new DeliveryPipeline(connection,
                new RawArchive(connection, runDate, keyedHash, rawArchive), maxQuarantinedShare,
                new DeliveryLoader(connection, runDate, keyedHash, reportingCurrency, requireHashKey),
                new LoadLedger(connection, runDate));
        DeliveryReader reader = new DeliveryReader(connection);
        this.files = new LandingFileExtract(connection, reader, pipeline, csvEngine,
                new DeliveryEngine.Night(runDate, reportingCurrency, engineWorkDir, keyedHash, requireHashKey));
        this.mappings = new SourceMappingExtract(connection, runDate, reader, pipeline);
        this.jdbc = new JdbcExtract(connection, pipeline);
    }

    /** Files of the landing folder that no entity of the last {@link #landing} or {@link #mapping} read. */
    List<String> unclaimed() {
        return unclaimed;
    }

    /** Canonical landing files: {@code <entity>*.csv|jsonl|parquet}. */
    List<DeliveryLoader.Delivery> landing(List<String> entities, Path folder) throws SQLException {
        unclaimed = LandingFileExtract.unclaimed(entities, folder);
        LandingFileExtract.warnUnclaimed(folder, unclaimed);
        return files.load(entities, folder);
    }

    /** One night from several sources: see {@link SeveralSources}. */
    List<DeliveryLoader.Delivery> sources(List<NightSource> sources, List<String> entities, Path landing,
            Function<String, String> environment) throws SQLException {
        return new SeveralSources(files, this).load(sources, entities, landing, environment);
    }

    void unclaimed(List<String> names) {
        unclaimed = List.copyOf(names);
    }

    /** Export files mapped onto the contract by a source mapping's SELECTs. */
    List<DeliveryLoader.Delivery> mapping(SourceMapping mapping, Path folder) throws SQLException {
        try {
            return mappings.load(mapping, folder);
        } finally {
            unclaimed = mappings.unclaimed();
        }
    }

    /** A JDBC source: per entity, the rows changed since the stored watermark. */
    List<DeliveryLoader.Delivery> jdbc(JdbcSource source, Function<String, String> environment) throws SQLException {
        return jdbc.load(source, environment);
    }
}
