package dev.baton.extract;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import dev.baton.warehouse.DuckDbFiles;

/**
 * The source-mapping source kind: export files read as raw tables and mapped onto the contract by a
 * {@link SourceMapping}'s SELECTs, each entity's rows then handed to the {@link DeliveryPipeline} as text again.
 */
final class SourceMappingExtract {

    private final Connection connection;
    private final LocalDate runDate;
    private final DeliveryReader reader;
    private final DeliveryPipeline pipeline;
    private List<String> unclaimed = List.of();

    SourceMappingExtract(Connection connection, LocalDate runDate, DeliveryReader reader, DeliveryPipeline pipeline) {
        this.connection = connection;
        this.runDate = runDate;
        this.reader = reader;
        this.pipeline = pipeline;
    }

    /** Files of the folder the last {@link #load} read no raw table from. */
    List<String> unclaimed() {
        return unclaimed;
    }

    List<DeliveryLoader.Delivery> load(SourceMapping mapping, Path folder) throws SQLException {
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
            LandingFileExtract.warnUnclaimed(folder, unclaimed);
            quarantineUnmappedRejects(mapping);
            List<DeliveryLoader.Delivery> deliveries = new ArrayList<>();
            List<Map.Entry<String, SourceMapping.EntityMapping>> ordered = new ArrayList<>(mapping.deliveries().entrySet());
            List<String> entityOrder = EntityReferences.contract().loadOrder(ordered.stream().map(entry -> entry.getValue().entity()).distinct().toList());
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
                deliveries.add(pipeline.finish(contract, sourceFile, DeliveryPipeline.checksum(landing.named(sourceFile))));
            }
            return deliveries;
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
            pipeline.ledger().forgetEarlierAttempt(file.getKey(), file.getValue());
            try (PreparedStatement insert = connection.prepareStatement("insert into quarantine select ?, ?, ?, line_number,"
                    + " column_name, null, reason from " + file.getKey() + "_rejects")) {
                insert.setObject(1, runDate);
                insert.setString(2, file.getKey());
                insert.setString(3, file.getValue());
                insert.executeUpdate();
            }
        }
    }
}
