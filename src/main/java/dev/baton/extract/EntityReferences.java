package dev.baton.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.baton.warehouse.SqlIdentifiers;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The references between entities of the landing contract ({@code landing/contract.yml}): which column of an entity
 * names a row of which other entity. They give the unknown-reference checks and the load order, so a new entity or
 * reference is a line of the contract, not a rule in Java.
 */
final class EntityReferences {

    static final String RESOURCE = "/landing/contract.yml";

    /**
     * @param column the referencing column
     * @param entity the referenced entity
     * @param entityColumn its column the value must be found in
     * @param noun what the quarantine reason calls an unknown value
     * @param orReportingCurrency whether the reporting currency is known without a row
     */
    record Reference(String column, String entity, String entityColumn, String noun, boolean orReportingCurrency) {
    }

    record ContractFile(Map<String, Map<String, Declared>> references) {
    }

    record Declared(String entity, String column, String noun, Boolean orReportingCurrency) {
    }

    // a naming strategy, not @JsonProperty: the Spark jar relocates Jackson's annotations, which its Jackson then ignores
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    private static EntityReferences shipped;

    private final Map<String, List<Reference>> byEntity;
    /** Referenced entities, each after the entities it references itself. */
    private final List<String> referencedOrder;

    EntityReferences(Map<String, List<Reference>> byEntity) {
        this.byEntity = Map.copyOf(byEntity);
        List<String> targets = byEntity.values().stream().flatMap(List::stream).map(Reference::entity).distinct().toList();
        Set<String> ordered = new LinkedHashSet<>();
        for (String target : targets) {
            visit(target, ordered, new LinkedHashSet<>());
        }
        this.referencedOrder = List.copyOf(ordered);
    }

    private void visit(String entity, Set<String> ordered, Set<String> path) {
        if (ordered.contains(entity)) {
            return;
        }
        if (!path.add(entity)) {
            throw new IllegalStateException("The landing contract's references form a cycle: " + String.join(" -> ", path)
                    + " -> " + entity + "; no entity could load first");
        }
        for (Reference reference : of(entity)) {
            visit(reference.entity(), ordered, path);
        }
        path.remove(entity);
        ordered.add(entity);
    }

    /** The contract shipped with Baton, read once. */
    static synchronized EntityReferences contract() {
        if (shipped == null) {
            try (InputStream in = EntityReferences.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("Missing " + RESOURCE + " on the class path");
                }
                shipped = parse(YAML.readValue(in, ContractFile.class));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + RESOURCE, e);
            }
        }
        return shipped;
    }

    static EntityReferences parse(String yaml) {
        return parse(YAML.readValue(yaml, ContractFile.class));
    }

    private static EntityReferences parse(ContractFile file) {
        Map<String, List<Reference>> byEntity = new LinkedHashMap<>();
        file.references().forEach((entity, columns) -> {
            List<Reference> references = new ArrayList<>();
            // identifiers end up in SQL: a misspelt or hostile name fails here
            columns.forEach((column, declared) -> references.add(new Reference(SqlIdentifiers.require(column),
                    SqlIdentifiers.require(declared.entity()),
                    SqlIdentifiers.require(declared.column() == null ? column : declared.column()),
                    declared.noun() == null ? declared.entity() : declared.noun(),
                    Boolean.TRUE.equals(declared.orReportingCurrency()))));
            byEntity.put(SqlIdentifiers.require(entity), List.copyOf(references));
        });
        return new EntityReferences(byEntity);
    }

    /** The references of this entity's rows, in the contract's order. */
    List<Reference> of(String entity) {
        return byEntity.getOrDefault(entity, List.of());
    }

    /** Whether another entity's rows are checked against this one's, so it must load before them. */
    boolean referenced(String entity) {
        return referencedOrder.contains(entity);
    }

    /**
     * These entities in an order where each loads after the entities it references: the referenced ones first (each
     * after its own references), the rest in the order given.
     */
    List<String> loadOrder(List<String> entities) {
        List<String> ordered = new ArrayList<>(entities);
        ordered.sort(Comparator.comparingInt(entity -> referenced(entity) ? referencedOrder.indexOf(entity) : referencedOrder.size()));
        return ordered;
    }
}
