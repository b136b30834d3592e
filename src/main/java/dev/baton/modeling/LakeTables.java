package dev.baton.modeling;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.baton.warehouse.SqlIdentifiers;

/**
 * The model tables an engine left in a Parquet lake rather than in the build file (the Spark engine's fct_* and int_*):
 * in the build file each is a view over its files, and the {@code lake_tables} table says where they are, so the
 * publish step links those files into the version instead of exporting the rows again. The files are laid out as
 * publish lays out its own export: {@code <table>/<table>.parquet}, or Hive month folders
 * ({@code <table>/month_start=2024-01-01/data_0.parquet}) with the partition column inside the files too.
 */
public final class LakeTables {

    static final String TABLE = "lake_tables";

    private LakeTables() {
    }

    /**
     * @param folder the table's folder, a path the driver's DuckDB reads
     * @param partitionedBy the Hive partition column, or null for one file
     */
    public record LakeTable(String table, Path folder, String partitionedBy) {

        public LakeTable {
            SqlIdentifiers.require(table);
            if (partitionedBy != null) {
                SqlIdentifiers.require(partitionedBy);
            }
        }

        /** The files' glob for read_parquet. */
        public String files() {
            Path absolute = folder.toAbsolutePath();
            return partitionedBy == null ? absolute.resolve(table + ".parquet").toString() : absolute + "/*/*.parquet";
        }

        /** The same table's files under another root (a version's parquet/ folder). */
        public LakeTable under(Path root) {
            return new LakeTable(table, root.resolve(table), partitionedBy);
        }
    }

    /** Replaces whatever the build file holds under the table's name by a view over its files. */
    public static void createView(Statement statement, LakeTable table) throws SQLException {
        if (exists(statement.getConnection(), "duckdb_tables()", "table_name", table.table())) {
            statement.execute("drop table " + table.table());
        }
        // the partition column is in the files, so the Hive folder names are not read
        statement.execute("create or replace view " + table.table() + " as select * from read_parquet("
                + SqlIdentifiers.quoteLiteral(table.files()) + ", hive_partitioning = false)");
    }

    /** Records which tables live in the lake (replacing an earlier record). */
    public static void record(Connection connection, List<LakeTable> tables) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create or replace table " + TABLE + " (table_name varchar primary key, folder varchar not null,"
                    + " partitioned_by varchar)");
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into " + TABLE + " values (?, ?, ?)")) {
            for (LakeTable table : tables) {
                insert.setString(1, table.table());
                insert.setString(2, table.folder().toAbsolutePath().toString());
                insert.setString(3, table.partitionedBy());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** What {@link #record} wrote; nothing when the night's models were all built into the build file. */
    public static List<LakeTable> read(Connection connection) throws SQLException {
        List<LakeTable> tables = new ArrayList<>();
        if (!exists(connection, "duckdb_tables()", "table_name", TABLE)) {
            return tables;
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select table_name, folder, partitioned_by from " + TABLE + " order by 1")) {
            while (rows.next()) {
                tables.add(new LakeTable(rows.getString(1), Path.of(rows.getString(2)), rows.getString(3)));
            }
        }
        return tables;
    }

    /**
     * Before the models are built: a build file a Spark attempt already built in (the step restarted, perhaps on the
     * DuckDB engine) holds lake tables as views and their record. A table model must find no view under its name
     * ({@code create or replace table} refuses to replace a view), and publish must not link files this build did not
     * write. (A build file copied from a published Spark night has neither: {@code BuildFiles} drops its views and
     * the tables it does not carry over.)
     */
    static void forget(Connection connection, List<Model> models) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
            // one catalog read for the step, not one per model
            Set<String> views = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("select view_name from duckdb_views()"
                    + " where database_name = current_database() and schema_name = 'main' and not internal")) {
                while (rows.next()) {
                    views.add(rows.getString(1));
                }
            }
            for (Model model : models) {
                if (!model.isView() && views.contains(model.name())) {
                    statement.execute("drop view " + SqlIdentifiers.require(model.name()));
                }
            }
        }
    }

    /** Whether the build file holds this name as a view (a lake table is a view there though its model is a table). */
    static boolean isView(Connection connection, String name) throws SQLException {
        return exists(connection, "duckdb_views()", "view_name", name);
    }

    private static boolean exists(Connection connection, String catalog, String column, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select count(*) from " + catalog
                + " where database_name = current_database() and schema_name = 'main' and " + column + " = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }
}
