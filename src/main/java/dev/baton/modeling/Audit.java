package dev.baton.modeling;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.ProjectFiles.ProjectFile;

/**
 * A query that must return no rows. Written in {@code sql/audits/}, or derived from a model's grain key.
 *
 * @param grainOf the model whose grain key the audit checks; null for a written audit
 * @param reads the models the audit's SQL reads (its grain model, or the model names a written audit mentions)
 */
record Audit(String name, String sql, Model grainOf, Set<String> reads) {

    private static final Pattern WORD = Pattern.compile("[a-z_][a-z0-9_]*");

    static List<Audit> all(ProjectFiles files, ModelCatalog models) {
        Set<String> modelNames = new TreeSet<>();
        models.ordered().forEach(model -> modelNames.add(model.name()));
        List<Audit> audits = new ArrayList<>();
        for (ProjectFile file : files.find("sql/audits", ".sql")) {
            String sql = file.text().strip();
            sql = sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
            audits.add(new Audit(file.fileName().replaceFirst("\\.sql$", ""), sql, null, modelsRead(sql, modelNames)));
        }
        for (Model model : models.ordered()) {
            if (!model.keyColumns().isEmpty()) {
                audits.add(new Audit(model.name() + "__grain_is_unique", grainSql(model, model.name()), model, Set.of(model.name())));
            }
        }
        return audits;
    }

    /**
     * The audits a job can run: those reading only models its models steps built (a grain audit of a bi view is
     * not run by a job that builds no bi layer), or tables that are no model's (load_reconciliation, ...).
     */
    static List<Audit> readingOnly(List<Audit> audits, Set<String> builtModels) {
        return audits.stream().filter(audit -> builtModels.containsAll(audit.reads())).toList();
    }

    /** The grain audit read from {@code rows} (a table name or a parenthesised select) in place of the whole table. */
    static String grainSql(Model model, String rows) {
        String key = String.join(", ", model.keyColumns());
        return "select " + key + ", count(*) as copies from " + rows + " group by " + key + " having count(*) > 1";
    }

    private static Set<String> modelsRead(String sql, Set<String> modelNames) {
        Set<String> read = new TreeSet<>();
        Matcher matcher = WORD.matcher(sql.replaceAll("--[^\n]*", " ").toLowerCase());
        while (matcher.find()) {
            if (modelNames.contains(matcher.group())) {
                read.add(matcher.group());
            }
        }
        return read;
    }
}
