package dev.baton.jobs;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.baton.warehouse.OptionProblems;
import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.ProjectFiles.ProjectFile;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads {@code jobs/*.yml} and turns each into a Spring Batch job; the YAML is the only place steps are listed. */
@Component
public class JobCatalog {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Map<String, JobDefinition> definitions;
    private final Map<String, StepKind> kinds;
    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;

    JobCatalog(ProjectFiles projectFiles, List<StepKind> stepKinds, JobRepository jobRepository,
            PlatformTransactionManager transactionManager) {
        this.kinds = stepKinds.stream().collect(Collectors.toMap(StepKind::kind, Function.identity()));
        this.definitions = readDefinitions(projectFiles, kinds.values().stream()
                .collect(Collectors.toMap(StepKind::kind, StepKind::optionsType)));
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
    }

    public Set<String> jobNames() {
        return definitions.keySet();
    }

    public JobDefinition definition(String name) {
        JobDefinition definition = definitions.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("No job named '" + name + "'; jobs/ defines " + definitions.keySet());
        }
        return definition;
    }

    Job job(String name) {
        JobDefinition definition = definition(name);
        List<Step> steps = definition.steps().stream().map(this::step).toList();
        SimpleJobBuilder builder = new JobBuilder(definition.name(), jobRepository).start(steps.get(0));
        steps.subList(1, steps.size()).forEach(builder::next);
        return builder.build();
    }

    private Step step(JobDefinition.StepDefinition definition) {
        return new StepBuilder(definition.name(), jobRepository)
                .tasklet(kinds.get(definition.kind()).tasklet(definition), transactionManager)
                .build();
    }

    /** @param optionTypes each known step kind and the record its {@code with:} options bind to */
    public static Map<String, JobDefinition> readDefinitions(ProjectFiles projectFiles, Map<String, Class<?>> optionTypes) {
        Map<String, JobDefinition> definitions = new TreeMap<>();
        // Only jobs/*.yml are jobs; jobs/sources/ holds the source mappings they name.
        for (ProjectFile file : projectFiles.find("jobs", ".yml").stream().filter(file -> file.folder().equals("jobs")).toList()) {
            JobDefinition definition = parse(file);
            validate(file, definition, optionTypes);
            if (definitions.put(definition.name(), definition) != null) {
                throw new IllegalStateException(file.path() + ": a second job is named '" + definition.name() + "'");
            }
        }
        return definitions;
    }

    private static JobDefinition parse(ProjectFile file) {
        try {
            return YAML.readValue(file.text(), JobDefinition.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException(file.path() + ": " + OptionProblems.describe(e, file.text()), e);
        }
    }

    private static void validate(ProjectFile file, JobDefinition definition, Map<String, Class<?>> optionTypes) {
        String expectedName = file.fileName().replaceFirst("\\.yml$", "");
        if (!expectedName.equals(definition.name())) {
            throw new IllegalStateException(file.path() + ": name '" + definition.name() + "' must match the file name");
        }
        if (definition.steps() == null || definition.steps().isEmpty()) {
            throw new IllegalStateException(file.path() + ": a job needs at least one step");
        }
        Set<String> stepNames = new HashSet<>();
        for (JobDefinition.StepDefinition step : definition.steps()) {
            if (step.name() == null || !stepNames.add(step.name())) {
                throw new IllegalStateException(file.path() + ": step names must be present and unique, got '" + step.name() + "'");
            }
            if (!optionTypes.containsKey(step.kind())) {
                throw new IllegalStateException(file.path() + ": step '" + step.name() + "' has unknown kind '" + step.kind()
                        + "'; known kinds: " + new TreeSet<>(optionTypes.keySet()));
            }
            try {
                step.options(optionTypes.get(step.kind()));
            } catch (StepOptions.InvalidOptions e) {
                // No cause: the command line prints the innermost message, and this one names the file.
                throw new IllegalStateException(file.path() + lineOf(file, step.name(), e.option()) + ": " + e.getMessage());
            }
        }
    }

    /** " line N" where {@code option} is written under the step, or "" (bound maps carry no positions). */
    private static String lineOf(ProjectFile file, String stepName, String option) {
        if (option == null) {
            return "";
        }
        List<String> lines = file.text().lines().toList();
        Pattern stepLine = Pattern.compile("\\s*-?\\s*name:\\s*['\"]?" + Pattern.quote(stepName) + "['\"]?\\s*(#.*)?");
        Pattern optionLine = Pattern.compile("\\s*-?\\s*" + Pattern.quote(option) + "\\s*:.*");
        int line = 0;
        while (line < lines.size() && !stepLine.matcher(lines.get(line)).matches()) {
            line++;
        }
        for (; line < lines.size(); line++) {
            if (optionLine.matcher(lines.get(line)).matches()) {
                return " line " + (line + 1);
            }
        }
        return "";
    }
}
