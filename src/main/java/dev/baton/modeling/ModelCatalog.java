package dev.baton.modeling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.baton.warehouse.ProjectFiles;
import dev.baton.warehouse.ProjectFiles.ProjectFile;

/**
 * Every model under {@code sql/} (audits aside), in an order where each comes after what it depends on.
 * The DAG is written once, in the depends_on lines, and checked against the tables each SELECT reads.
 */
public final class ModelCatalog {

    static final List<String> LAYERS = List.of("staging", "core", "marts", "bi");
    private static final Pattern WORD = Pattern.compile("[a-z_][a-z0-9_]*");

    private final List<Model> ordered;

    private ModelCatalog(List<Model> ordered) {
        this.ordered = ordered;
    }

    /**
     * A model as another engine (Spark) needs it: what to build, as a view or a table, from which SELECT.
     *
     * @param path the file, e.g. {@code sql/core/dim_month.sql}
     */
    public record Definition(String name, String layer, boolean isView, String sql, String path) {
    }

    public static ModelCatalog load(ProjectFiles files) {
        Map<String, Model> models = new LinkedHashMap<>();
        List<String> outsideSubset = new ArrayList<>();
        for (ProjectFile file : files.find("sql", ".sql")) {
            if (file.folder().endsWith("audits")) {
                continue;
            }
            outsideSubset.addAll(PortableSubset.violations(file));
            Model model = ModelHeader.parse(file);
            if (!LAYERS.contains(model.layer())) {
                throw new IllegalStateException(file.path() + ": models live in sql/" + String.join("|", LAYERS) + "/");
            }
            if (models.put(model.name(), model) != null) {
                throw new IllegalStateException(file.path() + ": a second model is named '" + model.name() + "'");
            }
        }
        if (!outsideSubset.isEmpty()) {
            throw new IllegalStateException(String.join("; ", outsideSubset));
        }
        models.values().forEach(model -> checkDependencies(model, models.keySet()));
        return new ModelCatalog(topologicalOrder(models));
    }

    List<Model> ordered() {
        return ordered;
    }

    List<Model> inLayers(List<String> layers) {
        return ordered.stream().filter(model -> layers.contains(model.layer())).toList();
    }

    /** The layers models live in, in build order. */
    public static List<String> layers() {
        return LAYERS;
    }

    /** The models of these layers in build order (each after what it reads), for an engine other than DuckDB. */
    public List<Definition> definitionsInLayers(List<String> layers) {
        return inLayers(layers).stream()
                .map(model -> new Definition(model.name(), model.layer(), model.isView(), model.sql(),
                        "sql/" + model.layer() + "/" + model.name() + ".sql"))
                .toList();
    }

    /**
     * The tables the models read that no model builds (landed_*, run_context, ...): what another engine must be given
     * as input. Taken from depends_on, which {@link #load} has checked against the SQL.
     */
    public Set<String> inputTables() {
        Set<String> names = new TreeSet<>();
        ordered.forEach(model -> names.addAll(model.dependsOn()));
        ordered.forEach(model -> names.remove(model.name()));
        return names;
    }

    /** The tables (not views) that the models of these layers materialise. */
    public List<String> tablesInLayers(List<String> layers) {
        return inLayers(layers).stream().filter(model -> !model.isView()).map(Model::name).toList();
    }

    /** The tables of these layers whose declared grain key holds both columns (e.g. one row per account and month). */
    public List<String> tablesKeyedBy(List<String> layers, String column, String otherColumn) {
        return inLayers(layers).stream().filter(model -> !model.isView())
                .filter(model -> model.keyColumns().contains(column) && model.keyColumns().contains(otherColumn))
                .map(Model::name).toList();
    }

    /** The views (staging, bi) that the models of these layers create. */
    public List<String> viewsInLayers(List<String> layers) {
        return inLayers(layers).stream().filter(Model::isView).map(Model::name).toList();
    }

    /** A model that reads another model must say so in depends_on, and depends_on names nothing unread. */
    private static void checkDependencies(Model model, Set<String> modelNames) {
        Set<String> words = new TreeSet<>();
        Matcher matcher = WORD.matcher(withoutComments(model.sql()).toLowerCase());
        while (matcher.find()) {
            words.add(matcher.group());
        }
        Set<String> undeclared = new TreeSet<>(words);
        undeclared.retainAll(modelNames);
        undeclared.remove(model.name());
        undeclared.removeAll(model.dependsOn());
        if (!undeclared.isEmpty()) {
            throw new IllegalStateException("model " + model.name() + " reads " + undeclared + " but depends_on does not list it");
        }
        Set<String> unread = new TreeSet<>(model.dependsOn());
        unread.removeAll(words);
        if (!unread.isEmpty()) {
            throw new IllegalStateException("model " + model.name() + " lists " + unread + " in depends_on but never reads it");
        }
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("--[^\n]*", " ").replaceAll("(?s)/\\*.*?\\*/", " ");
    }

    private static List<Model> topologicalOrder(Map<String, Model> models) {
        List<Model> ordered = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        Set<String> visiting = new TreeSet<>();
        for (String name : new TreeSet<>(models.keySet())) {
            visit(name, models, done, visiting, ordered, new ArrayList<>());
        }
        return List.copyOf(ordered);
    }

    private static void visit(String name, Map<String, Model> models, Set<String> done, Set<String> visiting,
            List<Model> ordered, List<String> path) {
        if (done.contains(name) || !models.containsKey(name)) {
            return;
        }
        path.add(name);
        if (!visiting.add(name)) {
            throw new IllegalStateException("models depend on each other in a cycle: " + String.join(" -> ", path));
        }
        for (String dependency : models.get(name).dependsOn()) {
            visit(dependency, models, done, visiting, ordered, path);
        }
        visiting.remove(name);
        done.add(name);
        path.remove(path.size() - 1);
        ordered.add(models.get(name));
    }
}
