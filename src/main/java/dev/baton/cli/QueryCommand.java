package dev.baton.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Callable;

import dev.baton.cli.ResultPrinter.Format;
import dev.baton.cli.ResultPrinter.Result;
import dev.baton.warehouse.DuckDbFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run read-only SQL on the published warehouse and print the result.")
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
        try (Connection connection = DuckDbFiles.openReadOnly(published);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            ResultPrinter.print(Result.of(rows), json ? Format.JSON : csv ? Format.CSV : Format.TABLE, System.out);
        }
        return BatonCli.OK;
    }
}
