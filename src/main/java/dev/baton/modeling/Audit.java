package dev.baton.modeling;

import java.util.ArrayList;
import java.util.List;

import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.ProjectFiles.ProjectFile;

/** A query that must return no rows. Written in {@code sql/audits/}, or derived from a model's grain key. */
record Audit(String name, String sql) {

    static List<Audit> all(ProjectFiles files, ModelCatalog models) {
        List<Audit> audits = new ArrayList<>();
        for (ProjectFile file : files.find("sql/audits", ".sql")) {
            String sql = file.text().strip();
            audits.add(new Audit(file.fileName().replaceFirst("\\.sql$", ""), sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql));
        }
        for (Model model : models.ordered()) {
            if (!model.keyColumns().isEmpty()) {
                String key = String.join(", ", model.keyColumns());
                audits.add(new Audit(model.name() + "__grain_is_unique",
                        "select " + key + ", count(*) as copies from " + model.name() + " group by " + key + " having count(*) > 1"));
            }
        }
        return audits;
    }
}
