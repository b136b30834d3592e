package dev.baton.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.baton.cli.BatonCli;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A night whose deals file is named in capitals, next to files no entity claims: the run's summary names those. */
class UnclaimedFilesFunctionalTests {

    @TempDir
    Path workspace;

    @Test
    void theRunSummaryNamesEveryFileNoEntityClaims() throws Exception {
        // given
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));
        Files.move(landing.resolve("deals.csv"), landing.resolve("Deals.CSV"));
        Files.writeString(landing.resolve("notes.txt"), "delivered by hand\n");
        Files.writeString(landing.resolve("tickets-2024.xlsx"), "not a delivery format\n");
        Path warehouse = workspace.resolve("warehouse");

        // when
        Scenarios.Captured run = Scenarios.capture(() -> BatonCli.execute("run", "--run-date", "2024-04-14", "--landing",
                landing.toString(), "--warehouse", warehouse.toString(), "--project-dir", Path.of("").toAbsolutePath().toString(),
                "-Dbaton.extract.max-quarantined-share=0.5"));

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("extract-landing: landing files no entity claims, not read: notes.txt, tickets-2024.xlsx");
        assertThat(new PublishedWarehouse(warehouse).row("select count(*) as n from load_reconciliation where source_file = 'Deals.CSV'"))
                .containsEntry("n", 1L);
        assertThat(List.of(run.out().split("\n"))).noneMatch(line -> line.contains("not read") && line.contains("Deals.CSV"));
    }
}
