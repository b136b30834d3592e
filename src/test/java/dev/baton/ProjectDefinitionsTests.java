package dev.baton;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import dev.baton.jobs.JobCatalog;
import dev.baton.modeling.ModelCatalog;
import dev.baton.scheduling.ScheduleDefinition;
import dev.baton.warehouse.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every definition in jobs/, schedules/ and sql/ loads: headers valid, DAG acyclic, references resolve. */
@SpringBootTest
class ProjectDefinitionsTests {

    @TempDir
    static Path warehouse;

    @DynamicPropertySource
    static void warehouseInATemporaryFolder(DynamicPropertyRegistry registry) {
        registry.add("baton.warehouse", () -> warehouse.toString());
        registry.add("baton.project-dir", () -> Path.of("").toAbsolutePath().toString());
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + warehouse.resolve("state/batch"));
    }

    @Autowired
    JobCatalog jobs;

    @Autowired
    ProjectFiles projectFiles;

    @Test
    void everyJobNamesKnownStepKinds() {
        assertThat(jobs.jobNames()).contains("nightly");
        assertThat(jobs.definition("nightly").steps()).extracting(step -> step.name())
                .containsExactly("extract-landing", "check-freshness", "load-funnel-stages", "build-models", "run-audits", "publish", "write-report");
    }

    @Test
    void everyScheduleParsesAndTargetsAJob() {
        List<ScheduleDefinition> schedules = ScheduleDefinition.readAll(projectFiles, jobs.jobNames());

        assertThat(schedules).extracting(ScheduleDefinition::job).contains("nightly");
        assertThat(schedules).allSatisfy(schedule -> assertThat(schedule.cronExpression().getTimeZone().getID())
                .isEqualTo(schedule.timeZone()));
    }

    @Test
    void modelsFormAnAcyclicGraphWithTheRequiredTables() {
        ModelCatalog models = ModelCatalog.load(projectFiles);

        assertThat(models.tablesInLayers(List.of("core"))).contains("dim_account", "dim_date", "dim_month", "dim_plan",
                "fct_deal", "fct_subscription_period", "fct_mrr_month", "fct_mrr_movement", "fct_ticket", "fct_handoff");
        assertThat(models.tablesInLayers(List.of("marts"))).contains("mart_cohort_nrr", "mart_churn_monthly", "mart_ltv_cac",
                "mart_mrr_bridge", "mart_handoff_quality", "mart_handoff_quality_owner_month", "mart_handoff_retention",
                "mart_support_account_month", "mart_support_before_churn", "mart_funnel", "mart_account_health",
                "mart_owner_scorecard");
        List<String> order = models.tablesInLayers(List.of("core", "marts"));
        assertThat(order.indexOf("fct_mrr_month")).isLessThan(order.indexOf("fct_mrr_movement"));
        assertThat(order.indexOf("fct_mrr_movement")).isLessThan(order.indexOf("mart_mrr_bridge"));
    }
}
