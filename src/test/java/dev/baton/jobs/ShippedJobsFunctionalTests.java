package dev.baton.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.baton.cli.BatonCli;
import dev.baton.generate.LandingGenerator;
import dev.baton.generate.VendorGenerator;
import dev.baton.support.PublishedWarehouse;
import dev.baton.support.Scenarios;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Every job in jobs/ runs end to end, found by listing the folder (a job added later is run too). A job whose extract
 * names a source mapping reads that source's reference data (reference-data/&lt;source&gt; or
 * reference-data/exports/&lt;source&gt;); a job reading several sources reads the generated company's vendor shape;
 * a job reading canonical landing files reads a generated company. All run
 * for 2024-12-31, the last day the RavenStack export and the generated company (2023-01..2024-12) cover.
 */
class ShippedJobsFunctionalTests {

    private static final String RUN_DATE = "2024-12-31";

    @TempDir
    Path workspace;

    @TestFactory
    Stream<DynamicTest> everyJobInTheJobsFolderPublishesWithEveryAuditRun() throws Exception {
        List<Path> jobFiles;
        try (Stream<Path> files = Files.list(Path.of("jobs"))) {
            jobFiles = files.filter(file -> file.getFileName().toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(jobFiles).as("jobs/*.yml").isNotEmpty();
        return jobFiles.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> runs(file)));
    }

    private void runs(Path jobFile) throws Exception {
        JobDefinition job = YAMLMapper.builder().build().readValue(Files.readString(jobFile), JobDefinition.class);
        Path landing = landingFor(job);
        Path warehouse = workspace.resolve(job.name() + "-warehouse");

        Scenarios.Captured run = Scenarios.capture(() -> BatonCli.execute("run", "--job", job.name(), "--landing", landing.toString(),
                "--warehouse", warehouse.toString(), "--run-date", RUN_DATE));

        assertThat(run.exitCode()).as(job.name() + ": " + run.err()).isZero();
        PublishedWarehouse published = new PublishedWarehouse(warehouse);
        assertThat(published.count("select * from audit_results")).as(job.name() + " ran its audits").isPositive();
        assertThat(published.rows("select audit_name from audit_results where not passed and severity = 'error'"))
                .as(job.name() + ": failed error audits").isEmpty();
        // every audit run read a table the job built: a bi_* grain audit runs only where a models step builds bi
        List<String> bi = new ArrayList<>();
        published.rows("select audit_name from audit_results where audit_name like 'bi\\_%' escape '\\'")
                .forEach(row -> bi.add((String) row.get("audit_name")));
        boolean buildsBi = job.steps().stream().anyMatch(step -> step.kind().equals("models") && step.listOption("layers").contains("bi"));
        if (buildsBi) {
            assertThat(bi).as(job.name()).isNotEmpty();
        } else {
            assertThat(bi).as(job.name()).isEmpty();
        }
    }

    private Path landingFor(JobDefinition job) throws Exception {
        List<String> sources = job.steps().stream()
                .filter(step -> step.kind().equals("extract"))
                .flatMap(step -> step.listOption("source").stream())
                .toList();
        boolean severalSources = job.steps().stream()
                .anyMatch(step -> step.kind().equals("extract") && step.with() != null && step.with().containsKey("sources"));
        if (severalSources) {
            // the generated company as Salesforce, Stripe and Zendesk exports in sub-folders, the rest canonical
            Path landing = workspace.resolve(job.name() + "-landing");
            new VendorGenerator(42, 120, YearMonth.of(2023, 1), 24).writeTo(landing);
            return landing;
        }
        if (sources.isEmpty()) {
            Path landing = workspace.resolve(job.name() + "-landing");
            new LandingGenerator(42, 120, YearMonth.of(2023, 1), 24).writeTo(landing);
            return landing;
        }
        Path reference = Path.of("reference-data", sources.get(0));
        return Files.isDirectory(reference) ? reference : Path.of("reference-data", "exports", sources.get(0));
    }
}
