package dev.baton.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.baton.report.PublishedReport;
import dev.baton.warehouse.BatonProperties;
import dev.baton.warehouse.DuckDbFiles;
import dev.baton.warehouse.WarehouseLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render the HTML report of the published version again (into its version folder; <warehouse>/report points at it).")
final class ReportCommand implements Callable<Integer> {

    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--open", description = "Open the report in the desktop's browser (xdg-open or open) afterwards.")
    boolean open;

    @Override
    public Integer call() throws Exception {
        WarehouseLayout layout = warehouse.layout();
        Path written = PublishedReport.render(layout, new DuckDbFiles(new BatonProperties.DuckDb("", 0), layout.tempDir()));
        Path shown = layout.root().resolve("report").resolve("index.html");
        System.out.println("Report written to " + written + " (" + shown + ")");
        if (open) {
            openInBrowser(shown);
        }
        return BatonCli.OK;
    }

    private static void openInBrowser(Path file) {
        String opener = System.getProperty("os.name", "").toLowerCase().contains("mac") ? "open" : "xdg-open";
        try {
            new ProcessBuilder(List.of(opener, file.toUri().toString())).inheritIO().start();
        } catch (IOException e) {
            System.out.println("Could not start " + opener + " (" + e.getMessage() + "); open " + file.toUri() + " in a browser");
        }
    }
}
