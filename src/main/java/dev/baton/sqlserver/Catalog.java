package dev.baton.sqlserver;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.baton.sqlserver.SqlUsers.SqlUser;
import dev.baton.warehouse.DuckDbFiles;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Flight SQL's metadata calls for BI navigators: one catalog (the warehouse), the main schema, and the tables and
 * views a user may read, each with its columns as an Arrow schema whose field metadata carries DuckDB's type
 * name and the column's description (COMMENT ON) where there is one.
 */
final class Catalog {

    /** One table or view of the main schema. */
    private record Table(String catalog, String schema, String name, String type, String remarks) {
    }

    private final BufferAllocator allocator;

    Catalog(BufferAllocator allocator) {
        this.allocator = allocator;
    }

    void catalogs(Connection connection, ServerStreamListener listener) throws SQLException {
        send(Schemas.GET_CATALOGS_SCHEMA, List.<String[]>of(new String[] {database(connection)}), listener);
    }

    void schemas(Connection connection, CommandGetDbSchemas command, ServerStreamListener listener) throws SQLException {
        String catalog = database(connection);
        List<String[]> rows = new ArrayList<>();
        if ((!command.hasCatalog() || command.getCatalog().equals(catalog))
                && (!command.hasDbSchemaFilterPattern() || like(command.getDbSchemaFilterPattern(), "main"))) {
            rows.add(new String[] {catalog, "main"});
        }
        send(Schemas.GET_SCHEMAS_SCHEMA, rows, listener);
    }

    void tableTypes(ServerStreamListener listener) {
        send(Schemas.GET_TABLE_TYPES_SCHEMA, List.of(new String[] {"TABLE"}, new String[] {"VIEW"}), listener);
    }

    void tables(Connection connection, SqlUser user, CommandGetTables command, ServerStreamListener listener) throws SQLException {
        List<Table> tables = new ArrayList<>();
        for (Table table : list(connection)) {
            if (user.mayRead(table.name())
                    && (!command.hasCatalog() || command.getCatalog().equals(table.catalog()))
                    && (!command.hasDbSchemaFilterPattern() || like(command.getDbSchemaFilterPattern(), table.schema()))
                    && (!command.hasTableNameFilterPattern() || like(command.getTableNameFilterPattern(), table.name()))
                    && (command.getTableTypesCount() == 0 || command.getTableTypesList().contains(table.type()))) {
                tables.add(table);
            }
        }
        Schema result = command.getIncludeSchema() ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
        try (VectorSchemaRoot root = VectorSchemaRoot.create(result, allocator)) {
            for (int i = 0; i < tables.size(); i++) {
                Table table = tables.get(i);
                set(root, 0, i, table.catalog());
                set(root, 1, i, table.schema());
                set(root, 2, i, table.name());
                set(root, 3, i, table.type());
                if (command.getIncludeSchema()) {
                    ((VarBinaryVector) root.getVector(4)).setSafe(i, ArrowResults.ipc(columns(connection, table)));
                }
            }
            root.setRowCount(tables.size());
            listener.start(root);
            listener.putNext();
            listener.completed();
        }
    }

    private static List<Table> list(Connection connection) throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                select database_name, schema_name, table_name, 'TABLE' as table_type, comment
                from duckdb_tables() where not internal and not temporary and schema_name = 'main'
                union all
                select database_name, schema_name, view_name, 'VIEW', comment
                from duckdb_views() where not internal and not temporary and schema_name = 'main'
                order by 3""")) {
            while (rows.next()) {
                tables.add(new Table(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5)));
            }
        }
        return tables;
    }

    /** The table's columns as the Arrow schema a query of it returns, with Flight SQL's column metadata. */
    private Schema columns(Connection connection, Table table) throws SQLException {
        Map<String, String[]> described = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select column_name, data_type, comment from duckdb_columns() where schema_name = 'main' and table_name = ?")) {
            statement.setString(1, table.name());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    described.put(rows.getString(1), new String[] {rows.getString(2), rows.getString(3)});
                }
            }
        }
        Schema plain;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select * from main." + DuckDbFiles.quoteIdentifier(table.name()) + " limit 0")) {
            plain = ArrowResults.schema(rows.getMetaData(), allocator);
        }
        List<Field> fields = new ArrayList<>();
        for (Field field : plain.getFields()) {
            String[] column = described.getOrDefault(field.getName(), new String[] {null, null});
            FlightSqlColumnMetadata.Builder metadata = new FlightSqlColumnMetadata.Builder()
                    .catalogName(table.catalog()).schemaName(table.schema()).tableName(table.name())
                    .isReadOnly(true).isAutoIncrement(false).isCaseSensitive(false).isSearchable(true);
            if (column[0] != null) {
                metadata.typeName(column[0]);
            }
            if (column[1] != null && !column[1].isEmpty()) {
                metadata.remarks(column[1]);
            }
            FieldType type = new FieldType(field.isNullable(), field.getType(), field.getDictionary(), metadata.build().getMetadataMap());
            fields.add(new Field(field.getName(), type, field.getChildren()));
        }
        return new Schema(fields);
    }

    private static String database(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("select current_database()")) {
            row.next();
            return row.getString(1);
        }
    }

    private void send(Schema schema, List<String[]> rows, ServerStreamListener listener) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
            for (int i = 0; i < rows.size(); i++) {
                for (int column = 0; column < rows.get(i).length; column++) {
                    set(root, column, i, rows.get(i)[column]);
                }
            }
            root.setRowCount(rows.size());
            listener.start(root);
            listener.putNext();
            listener.completed();
        }
    }

    private static void set(VectorSchemaRoot root, int column, int row, String value) {
        VarCharVector vector = (VarCharVector) root.getVector(column);
        if (value == null) {
            vector.setNull(row);
        } else {
            vector.setSafe(row, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** SQL LIKE as the JDBC metadata calls mean it: % any run, _ one character, \ escapes. */
    static boolean like(String pattern, String value) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(value).matches();
    }
}
