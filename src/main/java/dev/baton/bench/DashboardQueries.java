package dev.baton.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed dashboard query set of {@code baton bench --queries}, read from {@code bench/dashboard-queries.sql} on
 * the class path: SQL, not Java strings, so the set can be read, run by hand and changed without touching code.
 */
public final class DashboardQueries {

    static final String RESOURCE = "/bench/dashboard-queries.sql";
    private static final String NAME = "-- name:";

    /** One query of the set. */
    public record NamedQuery(String name, String sql) {
    }

    private DashboardQueries() {
    }

    public static List<NamedQuery> load() {
        try (InputStream in = DashboardQueries.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A query runs from its "-- name:" line to the next; comments before the first name describe the file. */
    static List<NamedQuery> parse(String text) {
        List<NamedQuery> queries = new ArrayList<>();
        String name = null;
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith(NAME)) {
                add(queries, name, sql);
                name = line.substring(NAME.length()).strip();
                sql.setLength(0);
            } else if (name != null) {
                sql.append(line).append('\n');
            }
        }
        add(queries, name, sql);
        return List.copyOf(queries);
    }

    private static void add(List<NamedQuery> queries, String name, StringBuilder sql) {
        if (name == null) {
            return;
        }
        String statement = sql.toString().strip();
        if (statement.endsWith(";")) {
            statement = statement.substring(0, statement.length() - 1).strip();
        }
        if (name.isEmpty() || statement.isEmpty() || queries.stream().anyMatch(query -> query.name().equals(name))) {
            throw new IllegalStateException(RESOURCE + ": every query needs a unique name and a statement (at '" + name + "')");
        }
        queries.add(new NamedQuery(name, statement));
    }
}
