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
 * @param severity {@link #ERROR} (rows fail the night) or {@link #WARN} (rows are listed, the night goes on); a written
 *        audit says {@code -- severity: warn} in its header comment, and is an error audit without it
 */
record Audit(String name, String sql, Model grainOf, Set<String> reads, String severity) {

    static final String ERROR = "error";
    static final String WARN = "warn";

    private static final Pattern WORD = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern SEVERITY = Pattern.compile("^--\\s*severity:\\s*(\\S*)\\s*$");

    boolean isWarning() {
        return severity.equals(WARN);
    }

    static List<Audit> all(ProjectFiles files, ModelCatalog models) {
        Set<String> modelNames = new TreeSet<>();
        models.ordered().forEach(model -> modelNames.add(model.name()));
        List<Audit> audits = new ArrayList<>();
        for (ProjectFile file : files.find("sql/audits", ".sql")) {
            String sql = file.text().strip();
            sql = sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
            audits.add(new Audit(file.fileName().replaceFirst("\\.sql$", ""), sql, null, modelsRead(sql, modelNames), severity(file)));
        }
        for (Model model : models.ordered()) {
            if (!model.keyColumns().isEmpty()) {
                audits.add(new Audit(model.name() + "__grain_is_unique", grainSql(model, model.name()), model, Set.of(model.name()), ERROR));
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

    /** The {@code -- severity:} line among the comment lines the file starts with; error when there is none. */
    static String severity(ProjectFile file) {
        for (String line : file.text().strip().lines().toList()) {
            if (!line.startsWith("--")) {
                break;
            }
            Matcher matcher = SEVERITY.matcher(line.strip());
            if (matcher.matches()) {
                String severity = matcher.group(1).toLowerCase();
                if (!severity.equals(ERROR) && !severity.equals(WARN)) {
                    throw new IllegalStateException(file.path() + ": severity is error or warn, got '" + matcher.group(1) + "'");
                }
                return severity;
            }
        }
        return ERROR;
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
