package dev.baton.modeling;

import java.util.ArrayList;
import java.util.List;

import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.ProjectFiles.ProjectFile;

/**
 * A query that must return no rows. Written in {@code sql/audits/}, or derived from a model's grain key.
 *
 * @param grainOf the model whose grain key the audit checks; null for a written audit
 */
record Audit(String name, String sql, Model grainOf) {

    static List<Audit> all(ProjectFiles files, ModelCatalog models) {
        List<Audit> audits = new ArrayList<>();
        for (ProjectFile file : files.find("sql/audits", ".sql")) {
            String sql = file.text().strip();
            audits.add(new Audit(file.fileName().replaceFirst("\\.sql$", ""), sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql,
                    null));
        }
        for (Model model : models.ordered()) {
            if (!model.keyColumns().isEmpty()) {
                audits.add(new Audit(model.name() + "__grain_is_unique", grainSql(model, model.name()), model));
            }
        }
        return audits;
    }

    /** The grain audit read from {@code rows} (a table name or a parenthesised select) in place of the whole table. */
    static String grainSql(Model model, String rows) {
        String key = String.join(", ", model.keyColumns());
        return "select " + key + ", count(*) as copies from " + rows + " group by " + key + " having count(*) > 1";
    }
}
