package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mistake on the command line is refused with exit 2 and one line naming it and the valid choices, before
 * anything is written: the warehouse folder is not even created (so no sample data and no run history).
 */
class OneLineErrorsTests {

    @TempDir
    Path workspace;

    private Scenarios.Captured run(String... arguments) throws Exception {
        return Scenarios.capture(() -> BatonCli.execute(arguments));
    }

    private Path warehouse() {
        return workspace.resolve("warehouse");
    }

    private void assertRefused(Scenarios.Captured result, String line) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err().strip()).isEqualTo(line);
        assertThat(warehouse()).as("nothing written").doesNotExist();
    }

    @Test
    void aMisspeltSettingKeyIsRefusedNamingTheNearestOne() throws Exception {
        // when
        Scenarios.Captured result = run("run", "--warehouse", warehouse().toString(), "--run-date", "2024-06-30",
                "-Dbaton.metrcs.gross-margin=0.7");

        // then
        assertRefused(result, "baton: unknown setting baton.metrcs.gross-margin; did you mean baton.metrics.gross-margin?");
    }

    @Test
    void relaxedSpellingsOfAKnownKeyAreAccepted() {
        // given the spellings Spring's relaxed binding binds to baton.metrics.gross-margin and baton.publish.keep-versions
        SettingKeys keys = SettingKeys.scan();

        // then
        assertThat(keys.isKnown("baton.metrics.grossMargin")).isTrue();
        assertThat(keys.isKnown("baton.metrics.gross_margin")).isTrue();
        assertThat(keys.isKnown("baton.publish.keep-versions")).isTrue();
        assertThat(keys.isKnown("baton.spark.work-dir")).isTrue();
        assertThat(keys.isKnown("baton.extract.require-hash-key")).isTrue();
        assertThat(keys.isKnown("baton.metrics-http.port")).isTrue();
        assertThat(keys.isKnown("baton.notify.webhook-url")).isTrue();
        assertThat(keys.isKnown("baton.metrics.gross-margn")).isFalse();
        assertThat(keys.isKnown("baton.metrics")).isFalse();
    }

    @Test
    void aWrongEnumValueListsTheValidOnes() throws Exception {
        // when
        Scenarios.Captured churn = run("run", "--warehouse", warehouse().toString(), "--run-date", "2024-06-30",
                "-Dbaton.metrics.churn-recognition=whenever");
        Scenarios.Captured engine = run("status", "--warehouse", warehouse().toString(), "-Dbaton.engine=hive");

        // then
        assertRefused(churn, "baton: invalid setting baton.metrics.churn-recognition='whenever': must be one of "
                + "end-of-paid-period, cancellation-date");
        assertRefused(engine, "baton: invalid setting baton.engine='hive': must be one of duckdb, spark");
    }

    @Test
    void aBadRunDateIsOneLineWithoutTheUsagePage() throws Exception {
        // when
        Scenarios.Captured month13 = run("run", "--warehouse", warehouse().toString(), "--run-date", "2024-13-45");
        Scenarios.Captured word = run("backfill", "--warehouse", warehouse().toString(), "--from", "yesterday", "--to", "2024-06-30");

        // then
        assertRefused(month13, "baton: Invalid value for option '--run-date': '2024-13-45' is not a date YYYY-MM-DD "
                + "(see: baton run --help)");
        assertRefused(word, "baton: Invalid value for option '--from': 'yesterday' is not a date YYYY-MM-DD "
                + "(see: baton backfill --help)");
    }

    @Test
    void aMissingOrEmptyLandingFolderIsRefused() throws Exception {
        // given
        Path missing = workspace.resolve("no-such-landing");
        Path empty = Files.createDirectories(workspace.resolve("empty-landing"));
        Files.writeString(empty.resolve(".DS_Store"), "");

        // when
        Scenarios.Captured runMissing = run("run", "--warehouse", warehouse().toString(), "--run-date", "2024-06-30",
                "--landing", missing.toString());
        Scenarios.Captured runEmpty = run("run", "--warehouse", warehouse().toString(), "--run-date", "2024-06-30",
                "--landing", empty.toString());
        Scenarios.Captured backfillEmpty = run("backfill", "--warehouse", warehouse().toString(), "--from", "2024-06-29",
                "--to", "2024-06-30", "--landing", empty.toString());
        Scenarios.Captured serveMissing = run("serve", "--catch-up-only", "--warehouse", warehouse().toString(),
                "--landing", missing.toString());

        // then
        assertRefused(runMissing, "baton: landing folder " + missing + " does not exist (--landing)");
        String emptyLine = "baton: landing folder " + empty + " is empty; it needs the deliveries, e.g. accounts.csv, "
                + "deals.csv, subscriptions.csv (README: Landing files)";
        assertRefused(runEmpty, emptyLine);
        assertRefused(backfillEmpty, emptyLine);
        assertRefused(serveMissing, "baton: landing folder " + missing + " does not exist (--landing)");
    }

    @Test
    void anUnknownJobListsTheJobs() throws Exception {
        // when
        Scenarios.Captured result = run("run", "--warehouse", warehouse().toString(), "--run-date", "2024-06-30",
                "--job", "nighty");

        // then
        assertRefused(result, "baton: unknown job 'nighty' (--job); jobs/ defines nightly, ravenstack, vendors");
    }

    @Test
    void aReportingCurrencyTheRateFeedDoesNotQuoteToIsRefused() throws Exception {
        // given the four-accounts landing, whose fx_rates.csv gives EUR's rate to USD (line 2: 2024-01-01,EUR,1.10)
        Path landing = Scenarios.copy("four_accounts", workspace.resolve("landing"));

        // when the night is asked to report in EUR
        Scenarios.Captured result = run("run", "--warehouse", warehouse().toString(), "--run-date", "2024-06-30",
                "--landing", landing.toString(), "-Dbaton.metrics.reporting-currency=EUR");

        // then
        assertRefused(result, "baton: no rate feed quotes to the reporting currency EUR: fx_rates.csv line 2 gives a rate "
                + "for EUR itself, so its rates are to another currency; set baton.metrics.reporting-currency to that one "
                + "or deliver rates to EUR");
    }
}
