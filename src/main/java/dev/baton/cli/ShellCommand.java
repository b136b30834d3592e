package dev.baton.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

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
        Format chosen = Format.parse(format);
        if (System.console() == null) {
            // Not a terminal: the plain reader and no prompts, so `baton shell --format csv < queries.sql > out.csv`
            // prints data alone; a statement that failed makes the script's exit status 1 (the rest still ran).
            int failures = new Shell(published, chosen, System.in, System.out, System.err, false).run();
            return failures == 0 ? BatonCli.OK : BatonCli.JOB_FAILED;
        }
        AtomicReference<Shell> shell = new AtomicReference<>();
        Path history = warehouse.layout().stateDir().resolve("shell_history");
        try (ShellTerminal terminal = ShellTerminal.open(published, history, () -> {
            Shell current = shell.get();
            if (current != null) {
                current.cancel();
            }
        })) {
            shell.set(new Shell(published, chosen, terminal, System.out, System.err, true));
            shell.get().run();
        }
        // At a terminal the analyst saw each error as it happened; leaving the shell is not a failure.
        return BatonCli.OK;
    }
}
