package dev.baton.cli;

import java.nio.file.Path;

import dev.baton.warehouse.WarehouseLayout;
import picocli.CommandLine.Option;

/** {@code --warehouse}: the folder every command but generate and bench works in. */
final class WarehouseOption {

    @Option(names = "--warehouse", defaultValue = "${env:BATON_WAREHOUSE:-warehouse}",
            description = "Warehouse folder (default: ${DEFAULT-VALUE}).")
    Path folder;

    WarehouseLayout layout() {
        return new WarehouseLayout(folder);
    }
}
