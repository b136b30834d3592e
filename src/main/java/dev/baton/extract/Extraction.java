package dev.baton.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.Sha256;


/**
 * One run's extraction into a build file: each delivery (a landing file, or one entity of a source mapping) is read,
 * loaded through {@link DeliveryLoader}, archived as Parquet under {@code <warehouse>/raw/<entity>/load_date=<date>/}
 * and written to the load ledger, then committed on its own. An entity loads after the entities it references in
 * the landing contract ({@link EntityReferences}: fx_rates and accounts), because its rows are checked against them.
 */
final class Extraction {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Extraction.class);

    private final Connection connection;
    private final LocalDate runDate;
    private final RawArchive rawArchive;
    private final double maxQuarantinedShare;
    private final DeliveryLoader loader;
    private final DeliveryReader reader;
    private List<String> unclaimed = List.of();

    Extraction(Connection connection, LocalDate runDate, KeyedHash keyedHash, String reportingCurrency, Path rawArchive,
            double maxQuarantinedShare, boolean requireHashKey) {
        this.connection = connection;
        this.runDate = runDate;
        this.rawArchive = new RawArchive(connection, runDate, keyedHash, rawArchive);
        this.maxQuarantinedShare = maxQuarantinedShare;
        this.loader = new DeliveryLoader(connection, runDate, keyedHash, reportingCurrency, requireHashKey);
        this.reader = new DeliveryReader(connection);
    }

    static List<String> loadOrder(List<String> entities) {
        return EntityReferences.contract().loadOrder(entities);
    }

    /** Files of the landing folder that no entity of the last {@link #landing} or {@link #mapping} read. */
    List<String> unclaimed() {
        return unclaimed;
    }

    private void warnUnclaimed(Path folder) {
        warnUnclaimed(folder, unclaimed);
    }

    private static void warnUnclaimed(Path folder, List<String> unclaimed) {
        if (!unclaimed.isEmpty()) {
            log.warn("landing folder {}: {} file(s) no entity claims, not read: {} (entity files are named <entity>*.csv,"
                    + " .jsonl or .parquet)", folder, unclaimed.size(), String.join(", ", unclaimed));
        }
    }

    /** Canonical landing files: {@code <entity>*.csv|jsonl|parquet}. */
    List<DeliveryLoader.Delivery> landing(List<String> entities, Path folder) throws SQLException {
        LandingFiles landing = new LandingFiles(folder);
        for (String entity : entities) {
            landing.of(entity);
        }
        unclaimed = landing.unclaimed();
        warnUnclaimed(folder);
        return loadLanding(entities, folder);
    }

    /**
     * One night from several sources: each mapping reads its own folder under the landing folder, canonical entities
     * the landing folder itself. The canonical files of referenced entities (fx rates, accounts) load first, then the
     * mappings in the job's order (each loads its referenced entities before the rest), then the other canonical
     * entities, so every row is checked against the accounts and currencies of all sources that came before it.
     */
    List<DeliveryLoader.Delivery> sources(List<MappedFolder> sources, List<String> entities, Path landing) throws SQLException {
        LandingFiles root = new LandingFiles(landing);
        for (String entity : entities) {
            root.of(entity);
        }
        List<String> allUnclaimed = new ArrayList<>(root.unclaimed());
        warnUnclaimed(landing, allUnclaimed);
        List<String> first = loadOrder(entities).stream().filter(EntityReferences.contract()::referenced).toList();
        List<DeliveryLoader.Delivery> deliveries = new ArrayList<>(loadLanding(first, landing));
        for (MappedFolder source : sources) {
            Path folder = source.resolve(landing);
            deliveries.addAll(mapping(source.mapping(), folder));
            unclaimed.forEach(name -> allUnclaimed.add(source.folder() + "/" + name));
        }
        deliveries.addAll(loadLanding(entities.stream().filter(entity -> !first.contains(entity)).toList(), landing));
        unclaimed = List.copyOf(allUnclaimed);
        return deliveries;
    }

    private List<DeliveryLoader.Delivery> loadLanding(List<String> entities, Path folder) throws SQLException {
        LandingFiles landing = new LandingFiles(folder);
        List<DeliveryLoader.Delivery> deliveries = new ArrayList<>();
        for (String entity : loadOrder(entities)) {
            LandingContract contract = LandingContract.read(connection, entity);
            for (Path file : landing.of(entity)) {
                Laps laps = new Laps();
                String checksum = checksum(file);
                laps.lap("checksum");
                DeliveryLoader.Delivery again = loadedBefore(contract, file.getFileName().toString(), checksum);
                if (again != null) {
                    log.info("skip {} {}: the same bytes were loaded before without a bad row; {} rows unchanged",
                            entity, file.getFileName(), again.rowsUnchanged());
                    deliveries.add(again);
                    continue;
                }
                reader.read(file, "incoming", "utf-8");
                laps.lap("read");
                log.info("read {} {}: {}", entity, file.getFileName(), laps);
                deliveries.add(finish(contract, file.getFileName().toString(), checksum));
            }
        }
        return deliveries;
    }

    /** Export files mapped onto the contract by a source mapping's SELECTs. */
    List<DeliveryLoader.Delivery> mapping(SourceMapping mapping, Path folder) throws SQLException {
        LandingFiles landing = new LandingFiles(folder);
        try (Statement statement = connection.createStatement()) {
            for (Map.Entry<String, String> file : mapping.files().entrySet()) {
                reader.read(landing.named(file.getValue()), file.getKey(), mapping.encoding());
                for (String column : mapping.optional().getOrDefault(file.getKey(), List.of())) {
                    // an export without the column reads as if it were there and empty (names checked in SourceMapping)
                    statement.execute("alter table " + file.getKey() + " add column if not exists "
                            + DuckDbFiles.quoteIdentifier(column) + " varchar");
                }
            }
            unclaimed = landing.unclaimed();
            warnUnclaimed(folder);
            quarantineUnmappedRejects(mapping);
            List<DeliveryLoader.Delivery> deliveries = new ArrayList<>();
            List<Map.Entry<String, SourceMapping.EntityMapping>> ordered = new ArrayList<>(mapping.deliveries().entrySet());
            List<String> entityOrder = loadOrder(ordered.stream().map(entry -> entry.getValue().entity()).distinct().toList());
            ordered.sort(Comparator.comparingInt(entry -> entityOrder.indexOf(entry.getValue().entity())));
            for (Map.Entry<String, SourceMapping.EntityMapping> entry : ordered) {
                SourceMapping.EntityMapping entityMapping = entry.getValue();
                LandingContract contract = LandingContract.read(connection, entityMapping.entity());
                statement.execute("drop table if exists mapped");
                try {
                    statement.execute("create temp table mapped as " + entityMapping.select());
                } catch (SQLException e) {
                    throw new SQLException("Source mapping " + mapping.name() + ", " + entityMapping.sql() + ": " + e.getMessage(), e);
                }
                // Every mapped value is text again, so a mapping's rows are typed and checked like a file's.
                statement.execute("drop table if exists incoming");
                statement.execute("drop table if exists incoming_rejects");
                StringJoiner text = new StringJoiner(", ");
                try (var rows = statement.executeQuery("select * exclude (_line_number) from mapped limit 0")) {
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        String name = DuckDbFiles.quoteIdentifier(rows.getMetaData().getColumnName(i));
                        text.add("cast(" + name + " as varchar) as " + name);
                    }
                } catch (SQLException e) {
                    throw new SQLException("Source mapping " + mapping.name() + ", " + entityMapping.sql()
                            + ": the SELECT must return _line_number of " + entityMapping.from() + " (" + e.getMessage() + ")", e);
                }
                statement.execute("create temp table incoming as select " + text + ", _line_number from mapped");
                statement.execute("create temp table incoming_rejects as select * from " + entityMapping.from() + "_rejects");
                String sourceFile = mapping.fileOf(entityMapping.from());
                deliveries.add(finish(contract, sourceFile, checksum(landing.named(sourceFile))));
            }
            return deliveries;
        }
    }

    /**
     * A JDBC source: per entity, the rows changed since the stored watermark, loaded like a file; the new
     * watermark, the ledger row and the loaded rows commit in one DuckDB transaction.
     */
    List<DeliveryLoader.Delivery> jdbc(JdbcSource source, Function<String, String> environment)
            throws SQLException {
        JdbcReader jdbcReader = new JdbcReader(source, environment);
        List<DeliveryLoader.Delivery> deliveries = new ArrayList<>();
        try (Connection jdbc = JdbcConnectRetry.connect(source.name(), jdbcReader::connect)) {
            org.duckdb.DuckDBConnection duckDb = connection.unwrap(org.duckdb.DuckDBConnection.class);
            for (String entity : loadOrder(List.copyOf(source.entities().keySet()))) {
                LandingContract contract = LandingContract.read(connection, entity);
                String watermark = watermark(source.name(), entity);
                JdbcReader.Read read = jdbcReader.read(jdbc, duckDb, source.entities().get(entity), watermark);
                String sourceName = source.name() + ":" + entity;
                try (PreparedStatement delete = connection.prepareStatement(
                        "delete from source_watermarks where source_name = ? and entity = ?");
                        PreparedStatement insert = connection.prepareStatement(
                                "insert into source_watermarks values (?, ?, ?, ?)")) {
                    delete.setString(1, source.name());
                    delete.setString(2, entity);
                    delete.executeUpdate();
                    insert.setString(1, source.name());
                    insert.setString(2, entity);
                    insert.setString(3, read.watermark());
                    insert.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                    insert.executeUpdate();
                }
                deliveries.add(finish(contract, sourceName, "watermark:" + (watermark == null ? "" : watermark)
                        + "->" + (read.watermark() == null ? "" : read.watermark())));
            }
        }
        return deliveries;
    }

    private String watermark(String sourceName, String entity) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select watermark from source_watermarks where source_name = ? and entity = ?")) {
            query.setString(1, sourceName);
            query.setString(2, entity);
            try (var rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /**
     * Records of a raw table no entity comes from directly (stage history, prices, ...) that could not be split are
     * still kept: quarantined under the raw table's name, without their text (such files may hold personal data).
     */
    private void quarantineUnmappedRejects(SourceMapping mapping) throws SQLException {
        for (Map.Entry<String, String> file : mapping.files().entrySet()) {
            boolean feedsAnEntity = mapping.deliveries().values().stream().anyMatch(entity -> entity.from().equals(file.getKey()));
            if (feedsAnEntity) {
                continue;
            }
            forgetEarlierAttempt(file.getKey(), file.getValue());
            try (PreparedStatement insert = connection.prepareStatement("insert into quarantine select ?, ?, ?, line_number,"
                    + " column_name, null, reason from " + file.getKey() + "_rejects")) {
                insert.setObject(1, runDate);
                insert.setString(2, file.getKey());
                insert.setString(3, file.getValue());
                insert.executeUpdate();
            }
        }
    }

    /**
     * A file whose name and bytes were loaded before and had no bad row would load nothing again: every row is
     * already landed, so it is recorded as read and unchanged, with its earlier archive linked under this run's load
     * date, without reading it. A file that had bad rows goes the full way, so its quarantine rows are written again.
     *
     * @return null when the file must be loaded
     */
    private DeliveryLoader.Delivery loadedBefore(LandingContract contract, String sourceFile, String checksum) throws SQLException {
        long rowsRead;
        String earlierArchive;
        ColumnCheck columns;
        // the same bytes have the same columns: the earlier night's lists hold (its warning, if any, was given then)
        try (PreparedStatement query = connection.prepareStatement("""
                select ledger.rows_read, ledger.archive_path, reconciliation.unknown_columns, reconciliation.missing_columns
                from load_ledger ledger inner join load_reconciliation reconciliation
                  on reconciliation.run_date = ledger.run_date and reconciliation.entity = ledger.entity
                    and reconciliation.source_file = ledger.source_file and reconciliation.rows_quarantined = 0
                    and reconciliation.rows_read = ledger.rows_read
                where ledger.entity = ? and ledger.source_file = ? and ledger.checksum = ?
                order by ledger.run_date desc limit 1""")) {
            query.setString(1, contract.entity());
            query.setString(2, sourceFile);
            query.setString(3, checksum);
            try (var rows = query.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                rowsRead = rows.getLong(1);
                earlierArchive = rows.getString(2);
                columns = new ColumnCheck(ColumnCheck.parse(rows.getString(3)), ColumnCheck.parse(rows.getString(4)), List.of());
            }
        }
        Path archive = null;
        if (rawArchive.enabled()) {
            if (earlierArchive == null || !Files.isRegularFile(Path.of(earlierArchive))) {
                return null;
            }
            archive = rawArchive.path(contract, sourceFile, checksum);
            try {
                Files.createDirectories(archive.getParent());
                if (!Files.exists(archive)) {
                    try {
                        Files.createLink(archive, Path.of(earlierArchive));
                    } catch (IOException | UnsupportedOperationException e) {
                        Files.copy(Path.of(earlierArchive), archive);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot archive " + sourceFile + " as " + archive, e);
            }
        }
        forgetEarlierAttempt(contract.entity(), sourceFile);
        try (PreparedStatement insert = connection.prepareStatement("insert into load_reconciliation"
                + " (run_date, entity, source_file, rows_read, rows_loaded, rows_quarantined, rows_updated, rows_unchanged,"
                + " unknown_columns, missing_columns) values (?, ?, ?, ?, 0, 0, 0, ?, ?, ?)")) {
            insert.setObject(1, runDate);
            insert.setString(2, contract.entity());
            insert.setString(3, sourceFile);
            insert.setLong(4, rowsRead);
            insert.setLong(5, rowsRead);
            insert.setString(6, ColumnCheck.stored(columns.unknown()));
            insert.setString(7, ColumnCheck.stored(columns.missing()));
            insert.executeUpdate();
        }
        ledger(contract, sourceFile, checksum, rowsRead, archive);
        connection.commit();
        return new DeliveryLoader.Delivery(contract.entity(), sourceFile, rowsRead, 0, 0, rowsRead, 0, List.of(), columns);
    }

    /**
     * A rerun of a date starts from the published warehouse, which holds what an earlier attempt of the same date
     * wrote for this delivery: its quarantine rows would exclude lines of the new delivery by number, and its
     * reconciliation and ledger rows would count the date twice. The new attempt replaces them.
     */
    private void forgetEarlierAttempt(String entity, String sourceFile) throws SQLException {
        for (String table : List.of("quarantine", "load_reconciliation", "load_ledger")) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from " + table + " where run_date = ? and entity = ? and source_file = ?")) {
                delete.setObject(1, runDate);
                delete.setString(2, entity);
                delete.setString(3, sourceFile);
                delete.executeUpdate();
            }
        }
    }

    private void ledger(LandingContract contract, String sourceFile, String checksum, long rowsRead, Path archive)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into load_ledger values (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, runDate);
            insert.setString(2, contract.entity());
            insert.setString(3, sourceFile);
            insert.setString(4, checksum);
            insert.setLong(5, rowsRead);
            insert.setString(6, archive == null ? null : archive.toString());
            insert.setObject(7, OffsetDateTime.now(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private DeliveryLoader.Delivery finish(LandingContract contract, String sourceFile, String checksum) throws SQLException {
        forgetEarlierAttempt(contract.entity(), sourceFile);
        DeliveryLoader.Delivery delivery = loader.load(contract, sourceFile, "incoming");
        rejectWhenMostlyBad(delivery);
        Laps laps = new Laps();
        Path archive = rawArchive.write(contract, sourceFile, checksum);
        laps.lap("archive");
        ledger(contract, sourceFile, checksum, delivery.rowsRead(), archive);
        connection.commit();
        laps.lap("ledger+commit");
        log.info("finish {} {}: {}", contract.entity(), sourceFile, laps);
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
