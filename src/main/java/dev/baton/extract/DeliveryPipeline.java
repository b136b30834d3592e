package dev.baton.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import dev.baton.warehouse.FileLinks;
import dev.baton.warehouse.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every source kind's delivery takes once its rows are in the {@code incoming} temp table: loaded through
 * {@link DeliveryLoader}, refused when mostly bad, archived ({@link RawArchive}), written to the {@link LoadLedger}
 * and committed on its own.
 */
final class DeliveryPipeline {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPipeline.class);

    private final Connection connection;
    private final RawArchive rawArchive;
    private final double maxQuarantinedShare;
    private final DeliveryLoader loader;
    private final LoadLedger ledger;

    DeliveryPipeline(Connection connection, RawArchive rawArchive, double maxQuarantinedShare, DeliveryLoader loader,
            LoadLedger ledger) {
        this.connection = connection;
        this.rawArchive = rawArchive;
        this.maxQuarantinedShare = maxQuarantinedShare;
        this.loader = loader;
        this.ledger = ledger;
    }

    LoadLedger ledger() {
        return ledger;
    }

    /**
     * A file whose name and bytes were loaded before and had no bad row would load nothing again: every row is
     * already landed, so it is recorded as read and unchanged, with its earlier archive linked under this run's load
     * date, without reading it. A file that had bad rows goes the full way, so its quarantine rows are written again.
     *
     * @return null when the file must be loaded
     */
    DeliveryLoader.Delivery loadedBefore(LandingContract contract, String sourceFile, String checksum) throws SQLException {
        LoadLedger.EarlierLoad earlier = ledger.earlierLoad(contract.entity(), sourceFile, checksum);
        if (earlier == null) {
            return null;
        }
        long rowsRead = earlier.rowsRead();
        String earlierArchive = earlier.archive();
        ColumnCheck columns = earlier.columns();
        Path archive = null;
        if (rawArchive.enabled()) {
            if (earlierArchive == null || !Files.isRegularFile(Path.of(earlierArchive))) {
                return null;
            }
            archive = rawArchive.path(contract, sourceFile, checksum);
            try {
                Files.createDirectories(archive.getParent());
                if (!Files.exists(archive)) {
                    FileLinks.linkOrCopy(Path.of(earlierArchive), archive);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot archive " + sourceFile + " as " + archive, e);
            }
        }
        ledger.forgetEarlierAttempt(contract.entity(), sourceFile);
        ledger.reconcileUnchanged(contract.entity(), sourceFile, rowsRead, columns);
        ledger.record(contract.entity(), sourceFile, checksum, rowsRead, archive);
        connection.commit();
        return new DeliveryLoader.Delivery(contract.entity(), sourceFile, rowsRead, 0, 0, rowsRead, 0, List.of(), columns);
    }

    /** Loads the {@code incoming} table as this delivery, archives it, writes the ledger and commits. */
    DeliveryLoader.Delivery finish(LandingContract contract, String sourceFile, String checksum) throws SQLException {
        return finish(contract, sourceFile, checksum, false);
    }

    /** @param oneLinePerRecord no value of the delivery spans lines ({@link DeliveryReader.Read}) */
    DeliveryLoader.Delivery finish(LandingContract contract, String sourceFile, String checksum, boolean oneLinePerRecord)
            throws SQLException {
        ledger.forgetEarlierAttempt(contract.entity(), sourceFile);
        DeliveryLoader.Delivery delivery = loader.load(contract, sourceFile, "incoming", oneLinePerRecord);
        rejectWhenMostlyBad(delivery);
        Laps laps = new Laps();
        Path archive = rawArchive.write(contract, sourceFile, checksum);
        laps.lap("archive");
        ledger.record(contract.entity(), sourceFile, checksum, delivery.rowsRead(), archive);
        connection.commit();
        laps.lap("ledger+commit");
        log.info("finish {} {}: {}", contract.entity(), sourceFile, laps);
        return delivery;
    }

    /**
     * Loads a CSV delivery that {@code engine} reads, types, checks and archives (the raw archive's path is this
     * pipeline's), then rejects, records and commits it as {@link #finish} does; null when the engine leaves the file
     * to DuckDB.
     */
    DeliveryLoader.Delivery finishChecked(LandingContract contract, Path file, String checksum, DeliveryEngine engine,
            DeliveryEngine.Night night) throws SQLException {
        String sourceFile = file.getFileName().toString();
        ledger.forgetEarlierAttempt(contract.entity(), sourceFile);
        Path archive = rawArchive.enabled() ? rawArchive.path(contract, sourceFile, checksum) : null;
        DeliveryEngine.Checked checked = engine.check(connection, night, contract, file, checksum, archive);
        if (checked == null) {
            return null;
        }
        DeliveryLoader.Delivery delivery = loader.loadChecked(contract, sourceFile, checked);
        rejectWhenMostlyBad(delivery);
        ledger.record(contract.entity(), sourceFile, checksum, delivery.rowsRead(), checked.archive());
        connection.commit();
        return delivery;
    }

    private void rejectWhenMostlyBad(DeliveryLoader.Delivery delivery) {
        if (delivery.rowsRead() > 0 && delivery.rowsQuarantined() > maxQuarantinedShare * delivery.rowsRead()) {
            throw new IllegalStateException(String.format(
                    "%s (%s): %d of %d rows are bad, more than the %.0f%% allowed (baton.extract.max-quarantined-share); first: %s",
                    delivery.sourceFile(), delivery.entity(), delivery.rowsQuarantined(), delivery.rowsRead(),
                    maxQuarantinedShare * 100, String.join("; ", delivery.firstProblems())));
        }
    }

    static String checksum(Path file) {
        try {
            return Sha256.hex(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
