package dev.baton.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.baton.cli.BatonCli;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baton validate} checks the definitions without running anything: exit 0, or 2 with one line naming the file. */
class ValidateCommandTests {

    @TempDir
    Path workspace;

    @Test
    void theRepositoryProjectIsValid() throws Exception {
        Scenarios.Captured result = Scenarios.capture(() -> BatonCli.execute("validate", "--project-dir", Path.of("").toAbsolutePath().toString()));

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("OK").contains("3 jobs (21 steps)").contains("1 schedules");
    }

    @Test
    void aBrokenScheduleOrModelIsNamedInOneLineWithExitTwo() throws Exception {
        // given a schedule that targets a job nobody defined
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Path schedule = project.resolve("schedules/nightly.yml");
        Files.writeString(schedule, Files.readString(schedule).replace("job: nightly", "job: nigthly"));

        // when
        Scenarios.Captured badSchedule = Scenarios.capture(() -> BatonCli.execute("validate", "--project-dir", project.toString()));

        // then
        assertThat(badSchedule.exitCode()).isEqualTo(2);
        assertThat(badSchedule.err().strip()).doesNotContain("\n").contains("schedules/nightly.yml").contains("nigthly");

        // given the schedule mended and a model that reads a table it does not declare
        Files.writeString(schedule, Files.readString(schedule).replace("job: nigthly", "job: nightly"));
        Path model = project.resolve("sql/marts/mart_ltv_cac.sql");
        Files.writeString(model, Files.readString(model).replace("depends_on:", "depends_on: no_such_model,"));

        Scenarios.Captured badModel = Scenarios.capture(() -> BatonCli.execute("validate", "--project-dir", project.toString()));

        assertThat(badModel.exitCode()).isEqualTo(2);
        assertThat(badModel.err().strip()).doesNotContain("\n").contains("mart_ltv_cac").contains("no_such_model");
    }

    @Test
    void aSortedByColumnTheModelDoesNotOutputIsNamedWithItsFile() throws Exception {
        // given bi_account_mrr sorted by a column it does not output (its month is 'month', not 'month_start')
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Path model = project.resolve("sql/bi/bi_account_mrr.sql");
        Files.writeString(model, Files.readString(model).replace("sorted_by: month, account_id", "sorted_by: month_start, account_id"));

        // when
        Scenarios.Captured result = Scenarios.capture(() -> BatonCli.execute("validate", "--project-dir", project.toString()));

        // then
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).doesNotContain("\n").contains("sql/bi/bi_account_mrr.sql").contains("sorted_by")
                .contains("[month_start]");
    }

    @Test
    void aMisspeltStepOptionIsNamedWithTheNearestValidOne() throws Exception {
        // given partition_by misspelt: read as an untyped map it was ignored and the tables exported unpartitioned
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Path job = project.resolve("jobs/nightly.yml");
        Files.writeString(job, Files.readString(job).replace("partition_by:", "partiton_by:"));
        int line = Files.readAllLines(job).indexOf("      partiton_by: {fct_mrr_month: month_start, fct_mrr_movement: month_start}") + 1;

        // when
        Scenarios.Captured result = Scenarios.capture(() -> BatonCli.execute("validate", "--project-dir", project.toString()));

        // then
        assertThat(line).isPositive();
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).doesNotContain("\n")
                .contains("jobs/nightly.yml line " + line + ": step 'publish': unknown option 'partiton_by'; did you mean 'partition_by'?");
    }

    @Test
    void anOptionGivenToAStepKindThatTakesNoneIsRefused() throws Exception {
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Path job = project.resolve("jobs/ravenstack.yml");
        Files.writeString(job, Files.readString(job).replace("kind: audits", "kind: audits\n    with:\n      layers: [marts]"));

        Scenarios.Captured result = Scenarios.capture(() -> BatonCli.execute("validate", "--project-dir", project.toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err().strip()).doesNotContain("\n").contains("jobs/ravenstack.yml")
                .contains("step 'run-audits': unknown option 'layers'; this takes no options");
    }

    @Test
    void aMisspeltKeyInAJobOrScheduleFileIsNamedWithItsLineAndTheNearestValidOne() throws Exception {
        // given a job file whose description key is misspelt on line 4
        Path project = Scenarios.copyProject(workspace.resolve("project"));
        Path job = project.resolve("jobs/ravenstack.yml");
        Files.writeString(job, Files.readString(job).replace("\ndescription:", "\ndescripton:"));
        assertThat(Files.readAllLines(job).get(3)).startsWith("descripton:");

        Scenarios.Captured badJob = Scenarios.capture(() -> BatonCli.execute("validate", "--project-dir", project.toString()));

        assertThat(badJob.exitCode()).isEqualTo(2);
        assertThat(badJob.err().strip()).doesNotContain("\n")
                .contains("jobs/ravenstack.yml: line 4: unknown option 'descripton'; did you mean 'description'?");

        // given the job mended and a schedule whose time_zone key is misspelt
        Files.writeString(job, Files.readString(job).replace("\ndescripton:", "\ndescription:"));
        Path schedule = project.resolve("schedules/nightly.yml");
        Files.writeString(schedule, Files.readString(schedule).replace("time_zone:", "time_zon:"));
        int line = Files.readAllLines(schedule).indexOf("time_zon: America/New_York") + 1;
        assertThat(line).isPositive();

        Scenarios.Captured badSchedule = Scenarios.capture(() -> BatonCli.execute("validate", "--project-dir", project.toString()));

        assertThat(badSchedule.exitCode()).isEqualTo(2);
        assertThat(badSchedule.err().strip()).doesNotContain("\n").contains("schedules/nightly.yml: line " + line + ": unknown option 'time_zon'; did you mean 'time_zone'?");
    }
}
