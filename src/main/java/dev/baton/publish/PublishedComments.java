package dev.baton.publish;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.baton.modeling.ColumnDescriptions;
import dev.baton.modeling.ModelCatalog;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.SqlIdentifiers;

/**
 * The descriptions (DuckDB comments) of published tables and views, read from one file as the statements that write
 * them on the same-named views of {@code reporting.duckdb}, so a JDBC tool connected there sees the same remarks.
 */
final class PublishedComments {

    private PublishedComments() {
    }

    /**
     * Writes the descriptions again into the file about to be published where they differ (a description edited since
     * the models were built counts; usually none does) and returns them as statements for the reporting catalog's views.
     */
    static List<String> write(Connection connection, ProjectFiles files, ModelCatalog models, List<String> tables, List<String> views)
            throws SQLException {
        List<String> published = new ArrayList<>(tables);
        published.addAll(views);
        ColumnDescriptions.load(files, models).writeComments(connection, published);
        return of(connection, published);
    }

    /** {@code comment on view ...} / {@code comment on column ...} for every commented table, view and column named. */
    static List<String> of(Connection connection, Collection<String> names) throws SQLException {
        List<String> statements = new ArrayList<>();
        String here = " where database_name = current_database() and schema_name = 'main' and comment is not null";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select table_name, null as column_name, comment from duckdb_tables()" + here
                        + " union all select view_name, null, comment from duckdb_views()" + here + " and not internal"
                        + " union all select table_name, column_name, comment from (select * from duckdb_columns()" + here
                        + " and not internal) order by 1, 2 nulls first")) {
            while (rows.next()) {
                String table = rows.getString(1);
                if (!names.contains(table)) {
                    continue;
                }
                String column = rows.getString(2);
                String target = column == null ? "view " + SqlIdentifiers.require(table)
                        : "column " + SqlIdentifiers.require(table) + "." + DuckDbFiles.quoteIdentifier(column);
                statements.add("comment on " + target + " is " + SqlIdentifiers.quoteLiteral(rows.getString(3)));
            }
        }
        return statements;
    }
}
