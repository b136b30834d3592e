package dev.baton.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.baton.warehouse.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One night's identity resolution on a build file: reads the landed identities and the crosswalk, resolves them,
 * compares with the previous published night and writes the tables, in one transaction. Public so a test that lands
 * identities through another feature (a JDBC source) can resolve them without the whole job.
 */
public final class IdentityResolution {

    private static final Logger log = LoggerFactory.getLogger(IdentityResolution.class);

    /** Warning lines listing single changes or ambiguities; more are counted, and the tables hold them all. */
    private static final int LISTED = 10;

    /** What a night resolved: the links written, and the lines for the run's warnings. */
    public record Outcome(int links, List<String> warnings) {
    }

    private IdentityResolution() {
    }

    /**
     * @param systemOfRecord {@code crm} or a system name ({@code baton.identity.system-of-record})
     * @param crosswalk the crosswalk file; a missing file is an empty crosswalk
     * @param published the published warehouse file holding the previous night's links; may be missing
     */
    public static Outcome run(Connection connection, String systemOfRecord, Path crosswalk, Path published, LocalDate runDate)
            throws SQLException {
        IdentityProperties properties = new IdentityProperties(systemOfRecord);
        IdentityTables tables = new IdentityTables(connection);
        List<SourceIdentity> identities = tables.identities();
        Set<String> systemsOfRecord = properties.systemsOfRecord(tables.systemsWithAccounts());
        Map<SourceIdentity.Key, String> crosswalkLinks = crosswalk != null && Files.isRegularFile(crosswalk)
                ? tables.crosswalk(crosswalk) : Map.of();
        Resolver.Resolution resolution = new Resolver(systemsOfRecord, Domains.freeMail()).resolve(identities, crosswalkLinks);
        boolean autoCommit = connection.getAutoCommit();
        // read apart from the writes: DuckDB cannot detach the published file inside a transaction that read it
        connection.setAutoCommit(true);
        Map<SourceIdentity.Key, Link> previous = tables.previous(published, runDate);
        List<LinkChange> changes = Resolver.changes(previous, resolution.links());
        Transactions.inOne(connection, autoCommit, () -> {
            tables.write(resolution, changes, runDate);
            tables.noteChange(!Set.copyOf(resolution.links()).equals(Set.copyOf(previous.values())));
        });
        String crosswalkName = crosswalk == null ? IdentityOptions.DEFAULT_CROSSWALK : crosswalk.getFileName().toString();
        List<String> warnings = new ArrayList<>();
        if (!identities.isEmpty() && identities.stream().noneMatch(identity -> systemsOfRecord.contains(identity.system()))) {
            warnings.add("no identities of the system of record (" + IdentityProperties.SETTING + " " + systemOfRecord
                    + "): every source identity is an account of its own");
        }
        warnings.addAll(listed(changes.stream().map(LinkChange::describe).toList(),
                "identity link(s) changed since the previous published night (identity_changes; pin a link in " + crosswalkName + ")"));
        warnings.addAll(listed(resolution.ambiguities().stream().map(ambiguity -> ambiguity.identity() + " by "
                + ambiguity.rule().column() + " " + ambiguity.matchedOn() + " matches " + String.join(", ", ambiguity.candidates())).toList(),
                "ambiguous identity candidate(s) not linked (identity_ambiguous; decide them in " + crosswalkName + ")"));
        log.info("identities: {} source identities, {} crosswalk rows, {} unmatched, {} ambiguous, {} links changed",
                identities.size(), crosswalkLinks.size(), resolution.links().stream().filter(link -> link.rule() == Rule.UNMATCHED).count(),
                resolution.ambiguities().size(), changes.size());
        return new Outcome(resolution.links().size(), List.copyOf(warnings));
    }

    private static List<String> listed(List<String> items, String what) {
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
