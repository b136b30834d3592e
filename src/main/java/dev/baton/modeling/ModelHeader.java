package dev.baton.modeling;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.baton.warehouse.ProjectFiles.ProjectFile;
import dev.baton.warehouse.SqlIdentifiers;

/** Parses the header comment every model starts with: model, grain and depends_on lines, and incremental_by where it applies. */
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
        return new Model(name, layer, grain, keyColumns, dependencies, sql, incrementalBy);
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
