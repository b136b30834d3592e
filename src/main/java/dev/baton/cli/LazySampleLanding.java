package dev.baton.cli;

import java.nio.file.Path;
import java.util.function.Supplier;

import dev.baton.warehouse.WarehouseLayout;

/** The sample landing folder, generated the first time a night needs it (serve with nothing to catch up never does). */
final class LazySampleLanding implements Supplier<Path> {

    private final WarehouseLayout layout;
    private Path folder;

    LazySampleLanding(WarehouseLayout layout) {
        this.layout = layout;
    }

    @Override
    public synchronized Path get() {
        if (folder == null) {
            try {
                folder = RunCommand.sampleLanding(layout);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot generate the sample landing data: " + e.getMessage(), e);
            }
        }
        return folder;
    }
}
