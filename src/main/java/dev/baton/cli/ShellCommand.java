package dev.baton.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.baton.cli.ResultPrinter.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "shell", mixinStandardHelpOptions = true,
        description = "Read-only SQL prompt on the published warehouse: statements end with ';', .help lists the dot commands.")
final class ShellCommand implements Callable<Integer> {

    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        Path published = warehouse.layout().publishedFile();
        if (!Files.exists(published)) {
            throw new IllegalArgumentException("No published warehouse at " + published + "; run `baton run` first");
        }
        // Prompts only at a terminal, so `baton shell --format csv < queries.sql > out.csv` prints data alone.
        new Shell(published, Format.parse(format), System.in, System.out, System.err, System.console() != null).run();
        return BatonCli.OK;
    }
}
