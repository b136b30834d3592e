package dev.baton.extract;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The landing-file source kind: canonical files {@code <entity>*.csv|jsonl|parquet} of one folder, read one by one
 * into {@code incoming} and handed to the {@link DeliveryPipeline}; a file loaded before unchanged is not read again.
 */
final class LandingFileExtract {

    private static final Logger log = LoggerFactory.getLogger(LandingFileExtract.class);

    private final Connection connection;
    private final DeliveryReader reader;
    private final DeliveryPipeline pipeline;
    private final DeliveryEngine csvEngine;
    private final DeliveryEngine.Night night;

    /** @param csvEngine reads, types and checks the CSV files when not null ({@link DeliveryEngine#of}) */
    LandingFileExtract(Connection connection, DeliveryReader reader, DeliveryPipeline pipeline, DeliveryEngine csvEngine,
            DeliveryEngine.Night night) {
        this.connection = connection;
        this.reader = reader;
        this.pipeline = pipeline;
        this.csvEngine = csvEngine;
        this.night = night;
    }

    /** Files of the folder that none of these entities claims (they are not read). */
    static List<String> unclaimed(List<String> entities, Path folder) {
        LandingFiles landing = new LandingFiles(folder);
        for (String entity : entities) {
            landing.of(entity);
        }
        return landing.unclaimed();
    }

    static void warnUnclaimed(Path folder, List<String> unclaimed) {
        if (!unclaimed.isEmpty()) {
            log.warn("landing folder {}: {} file(s) no entity claims, not read: {} (entity files are named <entity>*.csv,"
                    + " .jsonl or .parquet)", folder, unclaimed.size(), String.join(", ", unclaimed));
        }
    }

    /** Loads these entities' files, in load order ({@link EntityReferences#loadOrder}). */
    List<DeliveryLoader.Delivery> load(List<String> entities, Path folder) throws SQLException {
        LandingFiles landing = new LandingFiles(folder);
        Map<String, List<Path>> files = new LinkedHashMap<>();
        for (String entity : EntityReferences.contract().loadOrder(entities)) {
            files.put(entity, landing.of(entity));
        }
        try (FileDigests digests = new FileDigests(files.values().stream().flatMap(List::stream).toList())) {
            return load(files, digests);
        }
    }

    private List<DeliveryLoader.Delivery> load(Map<String, List<Path>> files, FileDigests digests) throws SQLException {
        List<DeliveryLoader.Delivery> deliveries = new ArrayList<>();
        for (Map.Entry<String, List<Path>> entityFiles : files.entrySet()) {
            String entity = entityFiles.getKey();
            LandingContract contract = LandingContract.read(connection, entity);
            for (Path file : entityFiles.getValue()) {
                Laps laps = new Laps();
                FileDigest digest = digests.of(file);
                String checksum = digest.checksum();
                laps.lap("checksum");
                DeliveryLoader.Delivery again = pipeline.loadedBefore(contract, file.getFileName().toString(), checksum);
                if (again != null) {
                    log.info("skip {} {}: the same bytes were loaded before without a bad row; {} rows unchanged",
                            entity, file.getFileName(), again.rowsUnchanged());
                    deliveries.add(again);
                    continue;
                }
                // why not free text: its quoted values span lines, and the engine reads one record per line
                if (csvEngine != null && DeliveryReader.format(file).equals("csv") && !contract.hasFreeText()) {
                    DeliveryLoader.Delivery checked = pipeline.finishChecked(contract, file, checksum, csvEngine, night);
                    laps.lap("check+load");
                    digests.requireUnchanged(file);
                    if (checked != null) {
                        deliveries.add(checked);
                        log.info("{} {} on {}: {}", entity, file.getFileName(), csvEngine.name(), laps);
                        continue;
                    }
                    log.warn("{} {}: {} cannot read it as DuckDB does (a stray quote it cannot place, bytes that are not"
                            + " UTF-8, or a \\r inside a line); DuckDB reads this file", entity, file.getFileName(), csvEngine.name());
                }
                DeliveryReader.Read read = reader.read(file, "incoming", "utf-8", digest);
                digests.requireUnchanged(file);
                laps.lap("read");
                log.info("read {} {}: {}", entity, file.getFileName(), laps);
                deliveries.add(pipeline.finish(contract, file.getFileName().toString(), checksum, read.oneLinePerRecord()));
            }
        }
        return deliveries;
    }
}
