package dev.baton.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Links every source identity to one canonical account (the system of record's id), trying in order: the user's
 * crosswalk, which always wins; an external id declared by either side; the same web or e-mail domain (free-mail
 * domains excluded); the same normalised name. Evidence that points at two or more canonical accounts links nothing
 * and is reported; the next rule may still link. What no rule links stays an account of its own,
 * {@code <system>:<source_id>}, so its revenue and tickets are never lost.
 */
final class Resolver {

    /** What a night resolved. */
    record Resolution(List<Link> links, List<Ambiguity> ambiguities) {
    }

    private final Set<String> systemsOfRecord;
    private final Set<String> freeMail;

    /**
     * @param systemsOfRecord the systems whose ids are the canonical account ids
     */
    Resolver(Set<String> systemsOfRecord, Set<String> freeMail) {
        this.systemsOfRecord = Set.copyOf(systemsOfRecord);
        this.freeMail = Set.copyOf(freeMail);
    }

    Resolution resolve(Collection<SourceIdentity> identities, Map<SourceIdentity.Key, String> crosswalk) {
        List<SourceIdentity> canonical = identities.stream().filter(this::isOfRecord).toList();
        Map<String, Set<String>> byExternalId = index(canonical, identity -> identity.externalIds().stream()
                .map(external -> external.system() + " " + external.id()).toList());
        Map<String, Set<String>> byDomain = index(canonical, identity -> domainsOf(identity));
        Map<String, Set<String>> byName = index(canonical, identity -> namesOf(identity));
        Set<String> canonicalIds = new TreeSet<>();
        canonical.forEach(identity -> canonicalIds.add(identity.sourceId()));

        List<Link> links = new ArrayList<>();
        List<Ambiguity> ambiguities = new ArrayList<>();
        for (SourceIdentity identity : identities) {
            SourceIdentity.Key key = identity.key();
            String mapped = crosswalk.get(key);
            if (mapped != null) {
                links.add(new Link(key, mapped, Rule.CROSSWALK, null));
                continue;
            }
            if (isOfRecord(identity)) {
                links.add(new Link(key, identity.sourceId(), Rule.SYSTEM_OF_RECORD, null));
                continue;
            }
            Link link = byExternalId(identity, canonicalIds, byExternalId, ambiguities);
            if (link == null) {
                link = byEvidence(identity, Rule.DOMAIN, domainsOf(identity), byDomain, ambiguities);
            }
            if (link == null) {
                link = byEvidence(identity, Rule.NAME, namesOf(identity), byName, ambiguities);
            }
            links.add(link != null ? link : new Link(key, identity.system() + ":" + identity.sourceId(), Rule.UNMATCHED, null));
        }
        return new Resolution(List.copyOf(links), List.copyOf(ambiguities));
    }

    private boolean isOfRecord(SourceIdentity identity) {
        return systemsOfRecord.contains(identity.system());
    }

    /**
     * The identity names a canonical id (its external id of the system of record), or a canonical account names the
     * identity (a CRM field holding the billing customer's id).
     */
    private Link byExternalId(SourceIdentity identity, Set<String> canonicalIds, Map<String, Set<String>> byExternalId,
            List<Ambiguity> ambiguities) {
        Set<String> candidates = new TreeSet<>();
        List<String> evidence = new ArrayList<>();
        for (SourceIdentity.ExternalId external : identity.externalIds()) {
            boolean ofRecord = external.system() == null || systemsOfRecord.contains(external.system());
            if (ofRecord && canonicalIds.contains(external.id())) {
                candidates.add(external.id());
                evidence.add(external.id());
            }
        }
        Set<String> namedBy = byExternalId.getOrDefault(identity.system() + " " + identity.sourceId(), Set.of());
        candidates.addAll(namedBy);
        if (!namedBy.isEmpty()) {
            evidence.add(identity.system() + " " + identity.sourceId());
        }
        return decide(identity, Rule.EXTERNAL_ID, String.join(", ", evidence), candidates, ambiguities);
    }

    private static Link byEvidence(SourceIdentity identity, Rule rule, Collection<String> values, Map<String, Set<String>> index,
            List<Ambiguity> ambiguities) {
        Set<String> candidates = new TreeSet<>();
        Set<String> evidence = new TreeSet<>();
        for (String value : values) {
            Set<String> accounts = index.getOrDefault(value, Set.of());
            if (!accounts.isEmpty()) {
                candidates.addAll(accounts);
                evidence.add(value);
            }
        }
        return decide(identity, rule, String.join(", ", evidence), candidates, ambiguities);
    }

    private static Link decide(SourceIdentity identity, Rule rule, String evidence, Set<String> candidates, List<Ambiguity> ambiguities) {
        if (candidates.size() == 1) {
            return new Link(identity.key(), candidates.iterator().next(), rule, evidence);
        }
        if (candidates.size() > 1) {
            ambiguities.add(new Ambiguity(identity.key(), rule, evidence, List.copyOf(candidates)));
        }
        return null;
    }

    private List<String> domainsOf(SourceIdentity identity) {
        return identity.domains().stream().map(Domains::normalise).filter(domain -> domain != null && !freeMail.contains(domain))
                .distinct().toList();
    }

    private static List<String> namesOf(SourceIdentity identity) {
        return identity.names().stream().map(CompanyNames::normalise).filter(name -> name != null).distinct().toList();
    }

    /** Evidence value -> the canonical accounts carrying it. */
    private static Map<String, Set<String>> index(List<SourceIdentity> canonical, Function<SourceIdentity, List<String>> values) {
        Map<String, Set<String>> index = new HashMap<>();
        for (SourceIdentity identity : canonical) {
            for (String value : values.apply(identity)) {
                index.computeIfAbsent(value, v -> new TreeSet<>()).add(identity.sourceId());
            }
        }
        return index;
    }

    /** The changes from the previous night's links; an identity new tonight or gone tonight is no change. */
    static List<LinkChange> changes(Map<SourceIdentity.Key, Link> previous, List<Link> links) {
        Map<SourceIdentity.Key, Link> tonight = new LinkedHashMap<>();
        links.forEach(link -> tonight.put(link.identity(), link));
        List<LinkChange> changes = new ArrayList<>();
        tonight.forEach((key, link) -> {
            Link before = previous.get(key);
            if (before != null && !before.accountId().equals(link.accountId())) {
                changes.add(new LinkChange(key, before.accountId(), before.rule(), link.accountId(), link.rule()));
            }
        });
        return changes;
    }
}
