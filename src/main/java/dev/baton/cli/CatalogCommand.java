package dev.baton.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.baton.cli.ResultPrinter.Result;
import dev.baton.warehouse.DuckDbFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton catalog [table]}: the descriptions the published warehouse carries as DuckDB comments (written from
 * {@code sql/<layer>/<model>.yml}), read from the published file itself so it shows what readers see.
 */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "List the published tables and views with their descriptions, or one table's columns with type and description.")
final class CatalogCommand implements Callable<Integer> {

    /** Tables and views of the main schema; undescribed ones (landed rows, staging, bookkeeping) only with --all. */
    private static final String TABLES = """
            select name as "table", kind, coalesce(comment, '') as description
            from (
                select table_name as name, 'table' as kind, comment from duckdb_tables()
                where database_name = current_database() and schema_name = 'main' and not internal
                union all
                select view_name, 'view', comment from duckdb_views()
                where database_name = current_database() and schema_name = 'main' and not internal
            ) as published
            where ? or comment is not null
            order by name""";
    private static final String DESCRIPTION = """
            select 'table', comment from duckdb_tables()
            where database_name = current_database() and schema_name = 'main' and table_name = ? and comment is not null
            union all
            select 'view', comment from duckdb_views()
            where database_name = current_database() and schema_name = 'main' and view_name = ? and comment is not null""";
    private static final String COLUMNS = """
            select column_name as "column", data_type as type, coalesce(comment, '') as description
            from duckdb_columns()
            where database_name = current_database() and schema_name = 'main' and not internal and table_name = ?
            order by column_index""";

    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--all", description = "Also list the tables and views without a description (landed rows, staging, run bookkeeping).")
    boolean all;

    @Parameters(paramLabel = "TABLE", arity = "0..1", description = "A table or view, e.g. mart_mrr_bridge: print its columns.")
    String table;

    @Override
    public Integer call() throws Exception {
        Path published = warehouse.layout().publishedFile();
        if (!Files.exists(published)) {
            throw new IllegalArgumentException("No published warehouse at " + published + "; run `baton run` first");
        }
        try (Connection connection = DuckDbFiles.openReadOnly(published)) {
            if (table == null) {
                try (PreparedStatement query = connection.prepareStatement(TABLES)) {
                    query.setBoolean(1, all);
                    print(query);
                }
                return BatonCli.OK;
            }
            try (PreparedStatement query = connection.prepareStatement(COLUMNS)) {
                query.setString(1, table);
                Result columns;
                try (ResultSet rows = query.executeQuery()) {
                    columns = Result.of(rows);
                }
                if (columns.rows().isEmpty()) {
                    throw new IllegalArgumentException("No table or view '" + table + "' in the published warehouse; `baton catalog` lists them");
                }
                description(connection).ifPresent(System.out::println);
                ResultPrinter.printTable(columns, System.out);
            }
        }
        return BatonCli.OK;
    }

    private Optional<String> description(Connection connection) throws Exception {
        try (PreparedStatement query = connection.prepareStatement(DESCRIPTION)) {
            query.setString(1, table);
            query.setString(2, table);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(table + " (" + rows.getString(1) + "): " + rows.getString(2)) : Optional.empty();
            }
        }
    }

    private static void print(PreparedStatement query) throws Exception {
        try (ResultSet rows = query.executeQuery()) {
            ResultPrinter.printTable(Result.of(rows), System.out);
        }
    }
}
