package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.LocalDate;

import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status} looks at the process stamped on a run the history marks STARTED: a live one is "running", a dead
 * one is said to be dead (exit 1, the way a failed last run is), as {@code recover} would find it.
 */
class DeadRunStatusTests {

    @TempDir
    Path workspace;

    @Test
    void aStartedRunWhoseProcessIsGoneIsShownDead() throws Exception {
        // given a nightly run for 2024-06-30 marked STARTED by a process that has exited
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        Path warehouse = workspace.resolve("warehouse");
        long execution = DeadRuns.startedRun(warehouse, LocalDate.of(2024, 6, 30), exited.pid());

        // when
        Scenarios.Captured status = Scenarios.capture(() -> BatonCli.execute("status", "--warehouse", warehouse.toString()));

        // then
        String host = InetAddress.getLocalHost().getHostName();
        assertThat(status.exitCode()).as(status.err()).isEqualTo(1);
        assertThat(status.out()).contains("DEAD").doesNotContain("running")
                .contains("execution " + execution + " (nightly for 2024-06-30) is dead: marked STARTED but pid "
                        + exited.pid() + " on " + host + " is gone");
        assertThat(status.err().strip()).isEqualTo("baton: the last run (nightly for 2024-06-30) is marked STARTED but its "
                + "process (pid " + exited.pid() + " on " + host + ") is gone; `baton recover` marks it FAILED");
    }

    @Test
    void aStartedRunWhoseProcessIsAliveIsShownRunning() throws Exception {
        // given a run stamped with this (live) test process
        Path warehouse = workspace.resolve("warehouse");
        long execution = DeadRuns.startedRun(warehouse, LocalDate.of(2024, 6, 30), ProcessHandle.current().pid());

        // when
        Scenarios.Captured status = Scenarios.capture(() -> BatonCli.execute("status", "--warehouse", warehouse.toString()));

        // then
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).doesNotContain("DEAD").contains("running")
                .contains("execution " + execution + " (nightly for 2024-06-30) is running: pid " + ProcessHandle.current().pid());
    }

    @Test
    void catchUpOnlySaysWhenThereIsNothingToCatchUp() throws Exception {
        // given a fresh warehouse: the nightly schedule has no completed run, so nothing is missed
        Path warehouse = workspace.resolve("warehouse");
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));

        // when
        Scenarios.Captured serve = Scenarios.capture(() -> BatonCli.execute("serve", "--catch-up-only", "--warehouse",
                warehouse.toString(), "--landing", landing.toString()));

        // then
        assertThat(serve.exitCode()).as(serve.err()).isZero();
        assertThat(serve.out().strip()).isEqualTo("serve: nothing to catch up (nightly: no completed run yet)");
        assertThat(warehouse.resolve("sample-landing")).doesNotExist();
    }
}
