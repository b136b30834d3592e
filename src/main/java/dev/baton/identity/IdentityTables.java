package dev.baton.identity;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.baton.warehouse.NightChanges.Source;
import dev.baton.warehouse.NightChanges;
import dev.baton.warehouse.SqlIdentifiers;

/**
 * The build file's side of identity resolution: reads {@code landed_source_identities} (each identity row's newest
 * version), the previous published night's {@code identity_map}, and writes {@code identity_map},
 * {@code identity_ambiguous} and {@code identity_changes}.
 */
final class IdentityTables {

    private final Connection connection;

    IdentityTables(Connection connection) {
        this.connection = connection;
    }

    /** The landed identities, each its newest version. */
    List<SourceIdentity> identities() throws SQLException {
        Map<SourceIdentity.Key, Merged> merged = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                with versions as (
                    select
                        *,
                        row_number() over (
                            partition by system, source_id
                            order by updated_at desc nulls last, _source_file desc, _line_number desc
                        ) as version_rank
                    from landed_source_identities
                )
                select system, source_id, name, domains, external_system, external_id
                from versions
                where version_rank = 1
                order by system, source_id""")) {
            while (rows.next()) {
                Merged identity = merged.computeIfAbsent(new SourceIdentity.Key(rows.getString(1), rows.getString(2)), key -> new Merged());
                addIfPresent(identity.names, rows.getString(3));
                String domains = rows.getString(4);
                if (domains != null) {
                    for (String domain : domains.split("[\\s,;]+")) {
                        addIfPresent(identity.domains, domain);
                    }
                }
                String externalId = rows.getString(6);
                if (externalId != null && !externalId.isBlank()) {
                    String system = rows.getString(5);
                    identity.externalIds.add(new SourceIdentity.ExternalId(system == null || system.isBlank() ? null : system.strip(),
                            externalId.strip()));
                }
            }
        }
        List<SourceIdentity> identities = new ArrayList<>();
        merged.forEach((key, identity) -> identities.add(new SourceIdentity(key.system(), key.sourceId(), Set.copyOf(identity.names),
                Set.copyOf(identity.domains), Set.copyOf(identity.externalIds))));
        return identities;
    }

    /** The systems that landed CRM accounts (identities of kind account): the default systems of record. */
    Set<String> systemsWithAccounts() throws SQLException {
        Set<String> systems = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select distinct system from landed_source_identities where kind = 'account'")) {
            while (rows.next()) {
                systems.add(rows.getString(1));
            }
        }
        return systems;
    }

    /** The crosswalk file's rows, read by DuckDB as text; the path was confined to the landing folder by the caller. */
    Map<SourceIdentity.Key, String> crosswalk(Path file) throws SQLException {
        Map<SourceIdentity.Key, String> crosswalk = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "select trim(system), trim(source_id), trim(account_id) from read_csv(" + SqlIdentifiers.quoteLiteral(file.toString())
                        + ", header = true, all_varchar = true)"
                        + " where nullif(trim(system), '') is not null and nullif(trim(source_id), '') is not null"
                        + " and nullif(trim(account_id), '') is not null")) {
            while (rows.next()) {
                crosswalk.put(new SourceIdentity.Key(rows.getString(1), rows.getString(2)), rows.getString(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(file.getFileName() + " must be a CSV file with the columns system, source_id,"
                    + " account_id: " + e.getMessage(), e);
        }
        return crosswalk;
    }

    /**
     * The previous published night's links (empty when nothing was published, or it had no identities), and its
     * history of changes before this run date, which this build carries on.
     */
    Map<SourceIdentity.Key, Link> previous(Path published, LocalDate runDate) throws SQLException {
        Map<SourceIdentity.Key, Link> links = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("delete from identity_changes");
            if (published == null || !published.toFile().isFile()) {
                return links;
            }
            statement.execute("attach " + SqlIdentifiers.quoteLiteral(published.toString()) + " as published_identities (read_only)");
            try {
                Set<String> tables = new HashSet<>();
                try (ResultSet rows = statement.executeQuery("select table_name from duckdb_tables()"
                        + " where database_name = 'published_identities' and schema_name = 'main'")) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
                if (tables.contains("identity_map")) {
                    try (ResultSet rows = statement.executeQuery(
                            "select system, source_id, account_id, rule, matched_on from published_identities.main.identity_map")) {
                        while (rows.next()) {
                            SourceIdentity.Key key = new SourceIdentity.Key(rows.getString(1), rows.getString(2));
                            links.put(key, new Link(key, rows.getString(3), Rule.of(rows.getString(4)), rows.getString(5)));
                        }
                    }
                }
                if (tables.contains("identity_changes")) {
                    try (PreparedStatement copy = connection.prepareStatement("insert into identity_changes by name"
                            + " select * from published_identities.main.identity_changes where run_date <> ?")) {
                        copy.setObject(1, runDate);
                        copy.executeUpdate();
                    }
                }
            } finally {
                statement.execute("detach published_identities");
            }
        }
        return links;
    }

    void write(Resolver.Resolution resolution, List<LinkChange> changes, LocalDate runDate) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("delete from identity_map");
            statement.execute("delete from identity_ambiguous");
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into identity_map values (?, ?, ?, ?, ?)")) {
            for (Link link : resolution.links()) {
                insert.setString(1, link.identity().system());
                insert.setString(2, link.identity().sourceId());
                insert.setString(3, link.accountId());
                insert.setString(4, link.rule().column());
                insert.setString(5, link.matchedOn());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into identity_ambiguous values (?, ?, ?, ?, ?)")) {
            for (Ambiguity ambiguity : resolution.ambiguities()) {
                insert.setString(1, ambiguity.identity().system());
                insert.setString(2, ambiguity.identity().sourceId());
                insert.setString(3, ambiguity.rule().column());
                insert.setString(4, ambiguity.matchedOn());
                insert.setString(5, String.join(", ", ambiguity.candidates()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into identity_changes values (?, ?, ?, ?, ?, ?, ?)")) {
            for (LinkChange change : changes) {
                insert.setObject(1, runDate);
                insert.setString(2, change.identity().system());
                insert.setString(3, change.identity().sourceId());
                insert.setString(4, change.previousAccountId());
                insert.setString(5, change.previousRule().column());
                insert.setString(6, change.accountId());
                insert.setString(7, change.rule().column());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Staging reads identity_map, and a link decides which account a row lands on, so the incremental build cannot
     * filter by account: when tonight's links differ from last night's, or any landed row changed, the models that
     * read the map are rebuilt whole ({@code night_changes} entity {@code identity_map}).
     */
    void noteChange(boolean linksDiffer) throws SQLException {
        NightChanges changes = NightChanges.on(connection);
        boolean landedChanged = changes.anyBesides(Source.IDENTITY_MAP);
        changes.forget(List.of(Source.IDENTITY_MAP));
        if (linksDiffer || landedChanged) {
            changes.noteWhole(Source.IDENTITY_MAP);
        }
    }

    private static void addIfPresent(Set<String> values, String value) {
        if (value != null && !value.isBlank()) {
            values.add(value.strip());
        }
    }

    private static final class Merged {
        final Set<String> names = new LinkedHashSet<>();
        final Set<String> domains = new LinkedHashSet<>();
        final Set<SourceIdentity.ExternalId> externalIds = new LinkedHashSet<>();
    }
}
