package dev.baton.extract;

import java.util.LinkedHashMap;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import dev.baton.warehouse.OptionProblems;
import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.ProjectFiles.ProjectFile;
import dev.baton.warehouse.SqlIdentifiers;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A JDBC source, {@code jobs/sources/<name>.yml} with {@code kind: jdbc}: which environment variables hold the URL
 * and credentials (never the values themselves), and per entity a table or a query whose columns are named as the
 * contract's. Each night reads only rows whose watermark column is at or after the highest value read before, less
 * an optional look-back.
 *
 * @param urlVariable environment variable with the JDBC URL
 * @param userVariable environment variable with the user name (optional)
 * @param passwordVariable environment variable with the password (optional)
 */
record JdbcSource(String name, String kind, String description, String urlVariable, String userVariable,
        String passwordVariable, Map<String, Table> entities) {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();

    /**
     * @param table {@code table} or {@code schema.table}
     * @param query a SELECT, used instead of a table
     * @param watermark the column that says when a row last changed; default {@code updated_at}
     * @param lookBack ISO-8601 duration (e.g. {@code PT1H}) read again before the watermark, for rows committed late
     *        with an earlier change time; default none
     */
    record Table(String table, String query, String watermark, String lookBack) {

        Duration lookBackDuration() {
            try {
                Duration duration = lookBack == null ? Duration.ZERO : Duration.parse(lookBack);
                if (duration.isNegative()) {
                    throw new IllegalStateException("look_back must not be negative, got " + lookBack);
                }
                return duration;
            } catch (DateTimeParseException e) {
                throw new IllegalStateException("look_back must be an ISO-8601 duration such as PT1H, got '" + lookBack + "'", e);
            }
        }

        String watermarkColumn() {
            return SqlIdentifiers.require(watermark == null ? "updated_at" : watermark);
        }

        /** The SELECT, from configuration; a table name is checked part by part, a query is the owner's own SQL. */
        String select() {
            if (table != null) {
                List<String> parts = List.of(table.split("\\.", -1));
                parts.forEach(SqlIdentifiers::require);
                return "select * from " + table;
            }
            return "select * from (" + query + ") as source_query";
        }
    }

    static JdbcSource read(ProjectFiles projectFiles, String name) {
        SqlIdentifiers.require(name);
        ProjectFile definition = projectFiles.find("jobs", ".yml").stream()
                .filter(file -> file.path().equals(SourceMapping.FOLDER + "/" + name + ".yml"))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No JDBC source '" + name + "': expected "
                        + SourceMapping.FOLDER + "/" + name + ".yml in " + projectFiles.describe()));
        JdbcSource source;
        try {
            source = YAML.readValue(definition.text(), JdbcSource.class);
        } catch (RuntimeException e) {
            throw new IllegalStateException(definition.path() + ": " + OptionProblems.describe(e, definition.text()), e);
        }
        if (!"jdbc".equals(source.kind()) || !name.equals(source.name()) || source.urlVariable() == null
                || source.entities() == null || source.entities().isEmpty()) {
            throw new IllegalStateException(definition.path() + ": a JDBC source needs kind: jdbc, name: " + name
                    + ", url_variable and entities");
        }
        Map<String, Table> entities = new LinkedHashMap<>();
        source.entities().forEach((entity, table) -> {
            SqlIdentifiers.require(entity);
            if ((table.table() == null) == (table.query() == null)) {
                throw new IllegalStateException(definition.path() + ": entity " + entity + " needs either table or query");
            }
            table.select();
            table.watermarkColumn();
            try {
                table.lookBackDuration();
            } catch (IllegalStateException e) {
                throw new IllegalStateException(definition.path() + ": entity " + entity + ": " + e.getMessage(), e);
            }
            entities.put(entity, table);
        });
        return new JdbcSource(source.name(), source.kind(), source.description(), source.urlVariable(),
                source.userVariable(), source.passwordVariable(), entities);
    }
}
