package dev.baton.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which local mirrors a remote-work-dir night removes from {@code <warehouse>/build/} before it starts its own. */
class RemoteExchangeTests {

    @TempDir
    Path warehouse;

    @Test
    void aMirrorWhoseBuildFileIsGoneIsRemovedAndTheVersionKeepsItsLinkedFiles() throws Exception {
        // given May's night published (its build file removed, its lake file linked into the version) and June's
        // night still holding its build file
        Path build = Files.createDirectories(warehouse.resolve("build"));
        Path mayLake = Files.createDirectories(build.resolve("nightly-2024-05-31.spark/output/fct_mrr_month"))
                .resolve("fct_mrr_month.parquet");
        Files.writeString(mayLake, "may's rows");
        Path version = Files.createDirectories(warehouse.resolve("versions/1/parquet/fct_mrr_month"))
                .resolve("fct_mrr_month.parquet");
        Files.createLink(version, mayLake);
        Files.createDirectories(build.resolve("nightly-2024-06-30.spark/output"));
        Files.writeString(build.resolve("nightly-2024-06-30.duckdb"), "a build file");
        Files.writeString(build.resolve("notes.spark"), "a file, not a mirror");

        // when
        RemoteExchange.removeMirrorsOfPublishedNights(build);

        // then
        assertThat(build.resolve("nightly-2024-05-31.spark")).doesNotExist();
        assertThat(version).hasContent("may's rows");
        assertThat(build.resolve("nightly-2024-06-30.spark/output")).isDirectory();
        assertThat(build.resolve("notes.spark")).isRegularFile();
    }
}
