package dev.baton.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.baton.jobs.JobDefinition.StepDefinition;
import dev.baton.jobs.RunParameters;
import dev.baton.jobs.RunWarnings;
import dev.baton.jobs.StepKind;
import dev.baton.warehouse.BuildFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;

/**
 * {@code kind: identities} — after the extract, before the models: resolves every landed source identity to one
 * canonical account ({@link Resolver}) and writes {@code identity_map}, which staging applies to each source's
 * account ids. Ambiguous candidates and links that moved since the previous published night are run warnings and
 * rows of {@code identity_ambiguous} and {@code identity_changes}. A job without this step keeps an empty map, and
 * staging then keeps each source's own ids.
 */
@Component
class IdentityStepKind implements StepKind {

    private static final Logger log = LoggerFactory.getLogger(IdentityStepKind.class);

    /** Warning lines listing single changes or ambiguities; more are counted, and the tables hold them all. */
    private static final int LISTED = 10;

    private final BuildFiles buildFiles;
    private final IdentityProperties properties;
    private final Set<String> freeMail = Domains.freeMail();

    IdentityStepKind(BuildFiles buildFiles, IdentityProperties properties) {
        this.buildFiles = buildFiles;
        this.properties = properties;
    }

    @Override
    public String kind() {
        return "identities";
    }

    @Override
    public Class<?> optionsType() {
        return IdentityOptions.class;
    }

    @Override
    public Tasklet tasklet(StepDefinition step) {
        IdentityOptions options = step.options(IdentityOptions.class);
        return (contribution, chunkContext) -> {
            RunParameters run = RunParameters.of(chunkContext);
            List<String> warnings = new ArrayList<>();
            try (Connection connection = buildFiles.open(run.jobName(), run.runDate())) {
                IdentityTables tables = new IdentityTables(connection);
                List<SourceIdentity> identities = tables.identities();
                Set<String> systemsOfRecord = properties.systemsOfRecord(tables.systemsWithAccounts());
                Path crosswalkFile = run.landing() == null ? null : run.landing().resolve(options.crosswalk());
                Map<SourceIdentity.Key, String> crosswalk = crosswalkFile != null && Files.isRegularFile(crosswalkFile)
                        ? tables.crosswalk(crosswalkFile) : Map.of();
                Resolver.Resolution resolution = new Resolver(systemsOfRecord, freeMail).resolve(identities, crosswalk);
                Map<SourceIdentity.Key, Link> previous = tables.previous(buildFiles.layout().publishedFile(), run.runDate());
                List<LinkChange> changes = Resolver.changes(previous, resolution.links());
                connection.setAutoCommit(false);
                try {
                    tables.write(resolution, changes, run.runDate());
                    tables.noteChange(!Set.copyOf(resolution.links()).equals(Set.copyOf(previous.values())));
                    connection.commit();
                } catch (Exception e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
                if (!identities.isEmpty() && systemsOfRecord.stream().noneMatch(system -> identities.stream()
                        .anyMatch(identity -> identity.system().equals(system)))) {
                    warnings.add("no identities of the system of record (" + IdentityProperties.SETTING + " "
                            + properties.systemOfRecord() + "): every source identity is an account of its own");
                }
                warnings.addAll(describe(changes.stream().map(LinkChange::describe).toList(),
                        "identity link(s) changed since the previous published night (identity_changes; pin a link in "
                                + options.crosswalk() + ")"));
                warnings.addAll(describe(resolution.ambiguities().stream().map(ambiguity -> ambiguity.identity() + " "
                        + ambiguity.rule().column() + " " + ambiguity.matchedOn() + " matches " + String.join(", ", ambiguity.candidates()))
                        .toList(), "ambiguous identity candidate(s) not linked (identity_ambiguous; decide them in " + options.crosswalk() + ")"));
                long unmatched = resolution.links().stream().filter(link -> link.rule() == Rule.UNMATCHED).count();
                log.info("identities: {} source identities, {} links by crosswalk ({} rows), {} unmatched, {} ambiguous, {} changed",
                        identities.size(), resolution.links().stream().filter(link -> link.rule() == Rule.CROSSWALK).count(),
                        crosswalk.size(), unmatched, resolution.ambiguities().size(), changes.size());
                contribution.incrementWriteCount(resolution.links().size());
            }
            warnings.forEach(warning -> log.warn("identities: {}", warning));
            RunWarnings.set(chunkContext, warnings);
            return RepeatStatus.FINISHED;
        };
    }

    private static List<String> describe(List<String> items, String what) {
        if (items.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add(items.size() + " " + what);
        items.stream().limit(LISTED).forEach(item -> lines.add("  " + item));
        if (items.size() > LISTED) {
            lines.add("  ... and " + (items.size() - LISTED) + " more");
        }
        return lines;
    }
}
