package dev.baton.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.baton.jobs.JobCatalog;
import dev.baton.jobs.JobRunner;
import dev.baton.modeling.ColumnDescriptions;
import dev.baton.modeling.ModelCatalog;
import dev.baton.modeling.SortOrders;
import dev.baton.scheduling.ScheduleDefinition;
import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.ProjectFiles.ProjectFile;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check jobs/, schedules/ and sql/ without running anything or touching a warehouse.")
final class ValidateCommand implements Callable<Integer> {

    @Option(names = "--project-dir", defaultValue = "${env:BATON_PROJECT_DIR}",
            description = "Folder with jobs/, sql/, schedules/ (default: the copies inside the jar).")
    Path projectDir;

    @Override
    public Integer call() {
        Map<String, Object> properties = new LinkedHashMap<>();
        // A throw-away in-memory history: validating must not create or lock any warehouse state.
        properties.put("spring.datasource.url", "jdbc:h2:mem:validate-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        if (projectDir != null) {
            properties.put("baton.project-dir", projectDir.toAbsolutePath().toString());
        }
        ConfigurableApplicationContext context;
        try {
            context = BatonContext.start(properties);
        } catch (RuntimeException e) {
            return invalid(BatonContext.rootMessage(e));
        }
        try (context) {
            ProjectFiles files = context.getBean(ProjectFiles.class);
            JobCatalog jobs = context.getBean(JobCatalog.class);
            JobRunner runner = context.getBean(JobRunner.class);
            int steps = 0;
            for (String job : jobs.jobNames()) {
                steps += runner.check(job);
            }
            List<ScheduleDefinition> schedules = ScheduleDefinition.readAll(files, jobs.jobNames());
            schedules.forEach(ScheduleDefinition::cronExpression);
            ModelCatalog catalog = ModelCatalog.load(files);
            int models = catalog.tablesInLayers(List.of("staging", "core", "marts")).size();
            // the shape of every sql/<layer>/<model>.yml; a described column the model lacks fails its models step
            ColumnDescriptions.load(files, catalog);
            // a sorted_by column the model does not output would fail the night's build of it
            SortOrders.check(catalog);
            int audits = 0;
            for (ProjectFile audit : files.find("sql/audits", ".sql")) {
                String sql = audit.text().replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("--[^\\n]*", "").strip().toLowerCase();
                if (!sql.startsWith("select") && !sql.startsWith("with")) {
                    return invalid(audit.path() + ": an audit must be one query (select ... or with ...)");
                }
                audits++;
            }
            System.out.printf("OK %s: %d jobs (%d steps), %d schedules, %d models, %d audits%n", files.describe(),
                    jobs.jobNames().size(), steps, schedules.size(), models, audits);
            return BatonCli.OK;
        } catch (RuntimeException e) {
            return invalid(BatonContext.rootMessage(e));
        }
    }

    private static int invalid(String reason) {
        System.err.println("baton: invalid project: " + reason);
        return BatonCli.USAGE;
    }
}
