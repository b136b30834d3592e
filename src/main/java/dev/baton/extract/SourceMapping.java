package dev.baton.extract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.baton.warehouse.OptionProblems;
import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.ProjectFiles.ProjectFile;
import dev.baton.warehouse.SqlIdentifiers;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A source mapping, {@code jobs/sources/<name>.yml}: which export files are read (as text, never edited) into which
 * raw tables, and for each canonical entity a SELECT over those tables ({@code jobs/sources/<name>/<entity>.sql}).
 * The mapped rows then take the same typing and quarantine path as canonical landing files.
 *
 * @param files raw table name -> file name in the landing folder
 * @param deliveries delivery name (the canonical entity, unless {@code entity} says otherwise) -> which raw table's
 *        lines the rows come from, and the SELECT
 * @param optional raw table name -> columns its SELECTs read that an export may lack (a custom field, a column of a
 *        newer connector version, multi-currency's {@code currency_iso_code}); a missing one is read as empty
 */
record SourceMapping(String name, String description, String encoding, Map<String, String> files,
        Map<String, EntityMapping> deliveries, Map<String, List<String>> optional) {

    static final String FOLDER = "jobs/sources";

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * @param entity the canonical entity the rows are; empty means the delivery's name (a second delivery of one
     *        entity, such as stage history as older deal versions, needs it)
     * @param from the raw table whose file and line numbers the mapped rows carry (the SELECT returns its
     *        {@code _line_number})
     * @param sql path of the SELECT, relative to {@code jobs/sources/}
     * @param select the SELECT's text, filled in when the mapping is read
     */
    record EntityMapping(String entity, String from, String sql, String select) {
    }

    String fileOf(String rawTable) {
        return files.get(rawTable);
    }

    static SourceMapping read(ProjectFiles projectFiles, String name) {
        SqlIdentifiers.require(name);
        List<ProjectFile> definitions = projectFiles.find("jobs", ".yml").stream()
                .filter(file -> file.path().equals(FOLDER + "/" + name + ".yml"))
                .toList();
        if (definitions.isEmpty()) {
            throw new IllegalArgumentException("No source mapping '" + name + "': expected " + FOLDER + "/" + name
                    + ".yml in " + projectFiles.describe());
        }
        ProjectFile definition = definitions.get(0);
        SourceMapping mapping;
        try {
            mapping = YAML.readValue(definition.text(), SourceMapping.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException(definition.path() + ": " + OptionProblems.describe(e, definition.text()), e);
        }
        if (!name.equals(mapping.name())) {
            throw new IllegalStateException(definition.path() + ": name is '" + mapping.name() + "', expected '" + name + "'");
        }
        if (mapping.files() == null || mapping.deliveries() == null || mapping.deliveries().isEmpty()) {
            throw new IllegalStateException(definition.path() + ": needs files and deliveries");
        }
        Map<String, ProjectFile> sqlFiles = new LinkedHashMap<>();
        projectFiles.find("jobs", ".sql").forEach(file -> sqlFiles.put(file.path(), file));
        Map<String, EntityMapping> deliveries = new LinkedHashMap<>();
        mapping.files().forEach((table, file) -> {
            SqlIdentifiers.require(table);
            if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
                throw new IllegalStateException(definition.path() + ": file '" + file
                        + "' must be a plain file name inside the landing folder");
            }
        });
        mapping.deliveries().forEach((delivery, entityMapping) -> {
            String entity = SqlIdentifiers.require(entityMapping.entity() == null ? delivery : entityMapping.entity());
            if (!mapping.files().containsKey(entityMapping.from())) {
                throw new IllegalStateException(definition.path() + ": entity " + entity + " comes from '"
                        + entityMapping.from() + "', which is not under files");
            }
            ProjectFile select = sqlFiles.get(FOLDER + "/" + entityMapping.sql());
            if (select == null || entityMapping.sql().contains("..")) {
                throw new IllegalStateException(definition.path() + ": entity " + entity + " names SQL '"
                        + entityMapping.sql() + "', which is not a file under " + FOLDER + "/");
            }
            deliveries.put(delivery, new EntityMapping(entity, entityMapping.from(), entityMapping.sql(), select.text()));
        });
        Map<String, List<String>> optional = mapping.optional() == null ? Map.of() : mapping.optional();
        optional.forEach((table, columns) -> {
            if (!mapping.files().containsKey(table)) {
                throw new IllegalStateException(definition.path() + ": optional columns of '" + table
                        + "', which is not under files");
            }
            columns.forEach(SqlIdentifiers::require);
        });
        return new SourceMapping(mapping.name(), mapping.description(),
                mapping.encoding() == null ? "utf-8" : mapping.encoding(), mapping.files(), deliveries, optional);
    }
}
