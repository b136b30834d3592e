package dev.baton.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.baton.publish.PublishedVersions.Version;
import dev.baton.warehouse.WarehouseLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader asking which night is published while publishes switch {@code current} always gets one. Before the fix
 * {@code current()} asked each version folder in turn whether {@code current} named it, and a rename between two
 * questions (the new night not yet marked {@code .switched}) left none: once in 14,320 SQL-server statements.
 */
class PublishedVersionsSwitchTests {

    @TempDir
    Path root;

    @Test
    void aReaderAlwaysFindsAPublishedNightWhileNightsAreSwitched() throws Exception {
        PublishedVersions versions = new PublishedVersions(new WarehouseLayout(root));
        List<Version> nights = new ArrayList<>();
        for (int night = 1; night <= 3; night++) {
            Path folder = Files.createDirectories(root.resolve("versions").resolve(String.format("%06d-2024-04-%02d", night, night)));
            Files.writeString(folder.resolve(PublishedVersions.DATABASE), "not read here");
            nights.add(new Version(night, java.time.LocalDate.of(2024, 4, night), folder));
        }
        versions.switchTo(nights.get(0));

        AtomicBoolean done = new AtomicBoolean();
        List<String> misses = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                if (versions.current().isEmpty()) {
                    misses.add("none published");
                }
            }
        });
        reader.start();
        try {
            // each new night switched to for the first time, as a publish does (no .switched marker before the rename)
            for (int round = 0; round < 400; round++) {
                for (Version night : nights) {
                    Files.deleteIfExists(night.folder().resolve(PublishedVersions.SWITCHED));
                }
                for (Version night : nights) {
                    versions.switchTo(night);
                    Files.deleteIfExists(night.folder().resolve(PublishedVersions.SWITCHED));
                }
            }
        } finally {
            done.set(true);
            reader.join();
        }

        assertThat(misses).isEmpty();
        assertThat(versions.current()).contains(nights.get(2));
    }
}
