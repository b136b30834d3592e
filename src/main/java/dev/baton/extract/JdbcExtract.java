package dev.baton.extract;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.duckdb.DuckDBConnection;

/**
 * The JDBC source kind: per entity, the rows changed since the stored watermark ({@code source_watermarks}), loaded
 * like a file; the new watermark, the ledger row and the loaded rows commit in one DuckDB transaction.
 */
final class JdbcExtract {

    private final Connection connection;
    private final DeliveryPipeline pipeline;

    JdbcExtract(Connection connection, DeliveryPipeline pipeline) {
        this.connection = connection;
        this.pipeline = pipeline;
    }

    List<DeliveryLoader.Delivery> load(JdbcSource source, Function<String, String> environment) throws SQLException {
        JdbcReader jdbcReader = new JdbcReader(source, environment);
        List<DeliveryLoader.Delivery> deliveries = new ArrayList<>();
        try (Connection jdbc = JdbcConnectRetry.connect(source.name(), jdbcReader::connect)) {
            DuckDBConnection duckDb = connection.unwrap(DuckDBConnection.class);
            for (String entity : EntityReferences.contract().loadOrder(List.copyOf(source.entities().keySet()))) {
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
                deliveries.add(pipeline.finish(contract, sourceName, "watermark:" + (watermark == null ? "" : watermark)
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
}
