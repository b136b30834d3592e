package dev.baton.warehouse;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns a binding failure of a project file (a step's {@code with:}, a source mapping) into one line a person can
 * act on: which option, where, and the valid name nearest to a misspelt one. Jackson's own message spans lines
 * and names Java classes, which mean nothing to whoever wrote the YAML.
 */
public final class OptionProblems {

    private OptionProblems() {
    }

    /** The binding problem in {@code failure}'s causes, in one line, or its own message when it is not Jackson's. */
    public static String describe(Throwable failure) {
        return describe(failure, null);
    }

    /**
     * As {@link #describe(Throwable)}, with "line N: " where the unknown name is written in {@code yaml}. The line
     * is found in the text because Jackson's own position is where the parser had read to, which for a record is
     * the end of its mapping (or of the file), not the name.
     */
    public static String describe(Throwable failure, String yaml) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return lineOf(yaml, unknown.getPropertyName()) + unknown(unknown);
            }
            if (cause instanceof JacksonException jackson) {
                String path = path(jackson.getPath());
                return (path.isEmpty() ? "" : path + ": ") + firstLine(jackson.getOriginalMessage());
            }
        }
        return firstLine(String.valueOf(failure.getMessage()));
    }

    /** The unknown option's name when that is {@code failure}'s problem, else null. */
    public static String unknownName(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return unknown.getPropertyName();
            }
        }
        return null;
    }

    private static String unknown(UnrecognizedPropertyException e) {
        List<String> known = e.getKnownPropertyIds() == null ? List.of()
                : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
        String path = parentPath(e);
        String message = "unknown option '" + e.getPropertyName() + "'" + (path.isEmpty() ? "" : " under " + path);
        if (known.isEmpty()) {
            return message + "; this takes no options";
        }
        String nearest = nearest(e.getPropertyName(), known);
        return message + (nearest == null ? "" : "; did you mean '" + nearest + "'?") + " (valid: "
                + String.join(", ", known) + ")";
    }

    /** The known name within two edits of {@code name} (a typo, a swapped pair), or null when none is that close. */
    public static String nearest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps each cost one. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** The path to the object holding the unknown name, such as {@code deliveries.accounts}; empty at the top. */
    private static String parentPath(JacksonException e) {
        List<JacksonException.Reference> path = e.getPath();
        return path(path.subList(0, Math.max(0, path.size() - 1)));
    }

    private static String path(List<JacksonException.Reference> references) {
        return references.stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                        : String.valueOf(reference.getIndex()))
                .collect(Collectors.joining("."));
    }

    /** "line N: " of the first line where {@code name} is written as a key (block or flow style), or "". */
    private static String lineOf(String yaml, String name) {
        if (yaml == null || name == null) {
            return "";
        }
        Pattern key = Pattern.compile("(^|[\\s{,-])" + Pattern.quote(name) + "\\s*:");
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("^\\s*#.*", "");
            if (key.matcher(line).find()) {
                return "line " + (i + 1) + ": ";
            }
        }
        return "";
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
