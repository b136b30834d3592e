package dev.baton.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;

import dev.baton.cli.ResultPrinter.Format;
import dev.baton.cli.ResultPrinter.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run read-only SQL on the published warehouse and print the result; no file access, no extensions,"
                + " no settings.")
final class QueryCommand implements Callable<Integer> {

    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--csv", description = "Print CSV instead of a table.")
    boolean csv;

    @Option(names = "--json", description = "Print a JSON array of row objects instead of a table.")
    boolean json;

    @Parameters(paramLabel = "SQL", description = "The query, e.g. \"select * from mart_cohort_nrr limit 5\".")
    String sql;

    @Override
    public Integer call() throws Exception {
        Path published = warehouse.layout().publishedFile();
        if (!Files.exists(published)) {
            throw new IllegalArgumentException("No published warehouse at " + published + "; run `baton run` first");
        }
        if (csv && json) {
            throw new IllegalArgumentException("--csv and --json exclude each other");
        }
        try (Connection connection = LockedDownConnection.open(published);
                Statement statement = connection.createStatement()) {
            // execute, not executeQuery: a statement without rows that ran must not be reported as a failure
            if (statement.execute(sql)) {
                try (ResultSet rows = statement.getResultSet()) {
                    ResultPrinter.print(Result.of(rows), json ? Format.JSON : csv ? Format.CSV : Format.TABLE, System.out);
                }
            } else {
                System.out.println("OK");
            }
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            throw new IllegalStateException("query failed (the warehouse is read-only, without file access or settings): "
                    + message.lines().findFirst().orElse(message), e);
        }
        return BatonCli.OK;
    }
}
