package dev.baton.extract;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

import dev.baton.warehouse.PluggedEngines;
import dev.baton.warehouse.WarehouseLayout;

/**
 * An engine other than the build file's DuckDB that reads, types and checks a landing CSV ({@code baton.extract.engine}),
 * found with {@link PluggedEngines} like {@link dev.baton.modeling.ModelEngine}: the Spark one is in the spark/ module.
 * It applies the same {@link LandingContract} and {@link EntityReferences} as {@link QuarantineRules} and leaves its
 * typed rows and quarantine rows as Parquet; {@link DeliveryLoader#loadChecked} then lands them through the same
 * classification (loaded, updated, unchanged) and reconciliation as a delivery checked by DuckDB.
 *
 * <p>Public for the service loader only; its types are the extract's own, so only a class of this package (the
 * spark module's, in the same package) can implement it.
 */
public interface DeliveryEngine {

    /** The value of {@code baton.extract.engine} that selects it, e.g. {@code spark}. */
    String name();

    /**
     * @param buildFile the night's build file: the referenced entities' {@code landed_*} rows are read from it
     * @param archive where the raw archive of this delivery goes ({@link RawArchive#path}), null for none
     * @return null when the engine cannot read this file as DuckDB would (a stray quote it cannot place): DuckDB reads it
     */
    Checked check(Connection buildFile, Night night, LandingContract contract, Path file, String checksum, Path archive)
            throws SQLException;

    /**
     * @param workDir a folder of this night's own for the Parquet exchanged with the build file: a local one, or a
     *        Hadoop URI the engine reaches through a local mirror
     * @param keyedHash hashes personal data as {@link KeyedHash#sql} does; null when no key is set
     * @param requireHashKey personal data without a key fails the delivery (else the column is left empty)
     */
    record Night(LocalDate runDate, String reportingCurrency, WarehouseLayout.EngineNight workDir, KeyedHash keyedHash,
            boolean requireHashKey) {
    }

    /**
     * One checked delivery.
     *
     * @param typed Parquet folder: {@code _line_number} and the contract's columns, typed
     * @param quarantine Parquet folder: (line_number, column_name, raw_value, reason), as {@link QuarantineRules} writes
     * @param rowsRead records read, good and rejected
     * @param archive the raw archive written, or null
     */
    record Checked(Path typed, Path quarantine, long rowsRead, ColumnCheck columns, Path archive) {
    }

    /** The engine named by the setting, or null for the build file's DuckDB; one clear line when it is not there. */
    static DeliveryEngine named(String setting) {
        return PluggedEngines.namedOrNull(DeliveryEngine.class, DeliveryEngine::name, "baton.extract.engine", setting);
    }

    /**
     * The night's extract engine: {@code baton.extract.engine} when set (so {@code duckdb} keeps the extract on DuckDB
     * under Spark models, and {@code spark} reads the landing on Spark under any work dir), else the models'
     * {@code baton.engine}, so a Spark night reads its landing on Spark too. Unset, a Hadoop URI work dir
     * ({@code hdfs:}, {@code s3a:}) keeps the extract on DuckDB: the executors read the landing at the driver's path,
     * which a cluster that shares no mount with the driver cannot (a path without a scheme is read on its default
     * file system), so the Spark extract is asked for by name only where the landing is mounted on every node.
     */
    static DeliveryEngine of(String extractEngine, String modelEngine, String workDirSetting) {
        if (extractEngine != null && !extractEngine.isBlank()) {
            return named(extractEngine);
        }
        return WarehouseLayout.isHadoopUri(workDirSetting) ? null
                : PluggedEngines.namedOrNull(DeliveryEngine.class, DeliveryEngine::name, "baton.engine", modelEngine);
    }
}
