package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baton generate --shape}: canonical stays the default; vendors writes the exports and counts the linkage. */
class GenerateCommandTests {

    @TempDir
    Path temp;

    @Test
    void vendorsShapeWritesTheExportFoldersAndCountsIdentitiesPerLinkage() throws Exception {
        // when
        Scenarios.Captured run = Scenarios.capture(() -> BatonCli.execute("generate", "--shape", "vendors", "--out",
                temp.resolve("v").toString(), "--accounts", "40", "--seed", "5", "--start", "2024-01", "--months", "6"));

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("salesforce/sf_account_data.csv", "stripe/customer_data.csv",
                "zendesk/ticket_data.csv", "handoffs.csv", "Identities by linkage", "stripe metadata");
        assertThat(temp.resolve("v/answer-key/identities.csv")).isRegularFile();
        assertThat(temp.resolve("v/accounts.csv")).doesNotExist();
    }

    @Test
    void canonicalIsTheDefaultAndAnUnknownShapeIsAUsageError() throws Exception {
        Scenarios.Captured canonical = Scenarios.capture(() -> BatonCli.execute("generate", "--out",
                temp.resolve("c").toString(), "--accounts", "5", "--start", "2024-01", "--months", "3"));
        assertThat(canonical.exitCode()).isZero();
        assertThat(temp.resolve("c/accounts.csv")).isRegularFile();
        assertThat(temp.resolve("c/salesforce")).doesNotExist();

        Scenarios.Captured unknown = Scenarios.capture(() -> BatonCli.execute("generate", "--shape", "hubspot", "--out",
                temp.resolve("u").toString()));
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("canonical, vendors");
    }
}
