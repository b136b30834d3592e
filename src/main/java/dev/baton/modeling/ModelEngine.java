package dev.baton.modeling;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import dev.baton.warehouse.WarehouseLayout;

/**
 * An engine other than the embedded DuckDB that builds the models ({@code baton.engine}), found with
 * {@link java.util.ServiceLoader} so the app's jar does not carry it: the Spark one lives in the spark/ module and
 * is on the classpath only when Baton runs through spark-submit.
 *
 * <p>It reads the models' inputs from the build file and leaves every model there as the DuckDB engine would (tables
 * as tables, views as views), so audits, publish and dashboards go on unchanged; except that it may leave big tables
 * in a Parquet lake of its own, as views over their files recorded with {@link LakeTables}, which publish links.
 */
public interface ModelEngine {

    /** The value of {@code baton.engine} that selects it, e.g. {@code spark}. */
    String name();

    /**
     * @param buildFile the night's DuckDB build file, with the inputs (landed_*, run_context, ...) in it
     * @param night a folder of its own for this run (inputs and outputs exchanged as files): a local folder, or the
     *        Hadoop URI {@code baton.spark.work-dir} names, as text ({@link WarehouseLayout#engineNight})
     */
    void build(Connection buildFile, ModelCatalog catalog, List<String> layers, LocalDate runDate,
            WarehouseLayout.EngineNight night) throws SQLException;
}
