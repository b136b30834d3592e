package dev.baton.modeling;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.baton.warehouse.ProjectFiles.ProjectFile;
import dev.baton.warehouse.SqlIdentifiers;

/**
 * Parses the header comment every model starts with: model, grain and depends_on lines, and incremental_by,
 * materialized, sorted_by and recompute_from_month where they apply.
 */
final class ModelHeader {

    private ModelHeader() {
    }

    static Model parse(ProjectFile file) {
        String text = file.text().stripLeading();
        if (!text.startsWith("/*") || !text.contains("*/")) {
            throw invalid(file, "must start with a /* model: ... grain: ... depends_on: ... */ header");
        }
        String header = text.substring(2, text.indexOf("*/"));
        Map<String, String> fields = new LinkedHashMap<>();
        String lastKey = null;
        for (String line : header.split("\n")) {
            String trimmed = line.trim();
            int colon = trimmed.indexOf(':');
            if (colon > 0 && trimmed.substring(0, colon).matches("[a-z_]+")) {
                lastKey = trimmed.substring(0, colon);
                fields.put(lastKey, trimmed.substring(colon + 1).trim());
            } else if (!trimmed.isEmpty() && lastKey != null) {
                fields.merge(lastKey, trimmed, (before, more) -> before + " " + more);
            }
        }
        String name = required(file, fields, "model");
        String expectedName = file.fileName().replaceFirst("\\.sql$", "");
        if (!name.equals(expectedName)) {
            throw invalid(file, "model name '" + name + "' must match the file name '" + expectedName + "'");
        }
        try {
            SqlIdentifiers.require(name);
        } catch (IllegalArgumentException e) {
            throw invalid(file, e.getMessage());
        }
        String grain = required(file, fields, "grain");
        String dependsOn = fields.getOrDefault("depends_on", "");
        List<String> dependencies = dependsOn.isBlank() || dependsOn.equals("none") ? List.of()
                : Arrays.stream(dependsOn.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        String layer = file.folder().substring(file.folder().lastIndexOf('/') + 1);
        String sql = text.substring(text.indexOf("*/") + 2).strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1);
        }
        String incrementalBy = fields.getOrDefault("incremental_by", "");
        List<String> keyColumns = Model.keyColumnsOf(grain);
        if (!incrementalBy.isEmpty() && !incrementalBy.equals(Model.ACCOUNT) && !keyColumns.equals(List.of(incrementalBy))) {
            throw invalid(file, "incremental_by: is account_id or the grain's single key column" + (keyColumns.size() == 1
                    ? " (" + keyColumns.get(0) + ")" : "") + ", got '" + incrementalBy + "'");
        }
        boolean table = materializedAsTable(file, layer, fields.getOrDefault("materialized", ""));
        String recomputeFromMonth = fields.getOrDefault("recompute_from_month", "");
        // a grain key column: never null, so every row belongs to a month and is rebuilt with it
        if (!recomputeFromMonth.isEmpty() && (!incrementalBy.isEmpty() || !keyColumns.contains(recomputeFromMonth))) {
            throw invalid(file, "recompute_from_month: names a key column of the grain (the month a row belongs to), for a model"
                    + " without incremental_by; got '" + recomputeFromMonth + "'");
        }
        Model model = new Model(name, layer, grain, keyColumns, dependencies, sql, incrementalBy, table,
                sortedBy(file, fields.getOrDefault("sorted_by", "")), recomputeFromMonth);
        if (model.isView() && !recomputeFromMonth.isEmpty()) {
            throw invalid(file, "recompute_from_month: rebuilds some months of a table; this model is a view");
        }
        if (model.isView() && !model.sortedBy().isEmpty()) {
            throw invalid(file, "sorted_by: orders the rows of a table; this model is a view (a bi model says materialized: table)");
        }
        return model;
    }

    /** Only bi models choose: staging must stay views over the landed versions, core and marts are what is exported. */
    private static boolean materializedAsTable(ProjectFile file, String layer, String materialized) {
        if (materialized.isEmpty()) {
            return false;
        }
        if (!layer.equals("bi")) {
            throw invalid(file, "materialized: is for bi models only (staging models are views, core and marts tables)");
        }
        if (!materialized.equals("view") && !materialized.equals("table")) {
            throw invalid(file, "materialized: is view or table, got '" + materialized + "'");
        }
        return materialized.equals("table");
    }

    private static List<String> sortedBy(ProjectFile file, String sortedBy) {
        if (sortedBy.isBlank()) {
            return List.of();
        }
        List<String> columns = Arrays.stream(sortedBy.split(",")).map(String::trim).toList();
        for (String column : columns) {
            try {
                SqlIdentifiers.require(column);
            } catch (IllegalArgumentException e) {
                throw invalid(file, "sorted_by: " + e.getMessage());
            }
        }
        if (columns.stream().distinct().count() < columns.size()) {
            throw invalid(file, "sorted_by: names a column twice: " + sortedBy);
        }
        return columns;
    }

    private static String required(ProjectFile file, Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null || value.isBlank()) {
            throw invalid(file, "header line '" + key + ":' is missing");
        }
        return value;
    }

    private static IllegalStateException invalid(ProjectFile file, String problem) {
        return new IllegalStateException(file.path() + ": " + problem);
    }
}
