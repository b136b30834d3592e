package dev.baton.sqlserver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The users of {@code baton sql-server}: {@code <warehouse>/state/sql-users}, one user a line, tab-separated name,
 * bcrypt hash and the tables the user may read ({@code *} for all, else comma-separated names where {@code *}
 * stands for any characters, e.g. {@code bi_*,mart_*}). Only hashes are kept; the server reads the file at each
 * login, so adding or removing a user needs no restart.
 */
public final class SqlUsers {

    /** What a new user may read unless told otherwise: the marts and the bi_ views, never staging or raw. */
    public static final String DEFAULT_TABLES = "bi_*,mart_*";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
    private static final Pattern TABLE_PATTERN = Pattern.compile("[A-Za-z0-9_*]{1,128}");
    // The library's default cost (10): tens of milliseconds per check, paid once per connection, as a bearer token follows.
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder();

    /** One user and the table patterns it may read. */
    public record SqlUser(String name, String hash, List<String> tables) {

        public boolean readsEverything() {
            return tables.contains("*");
        }

        /** Whether a table or view of the main schema may be read; names compare case-insensitively, as DuckDB's. */
        public boolean mayRead(String table) {
            String name = table.toLowerCase(Locale.ROOT);
            for (String pattern : tables) {
                String regex = Arrays.stream(pattern.toLowerCase(Locale.ROOT).split("\\*", -1))
                        .map(Pattern::quote).reduce((a, b) -> a + ".*" + b).orElse("");
                if (name.matches(regex)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Path file;

    public SqlUsers(Path stateDir) {
        this.file = stateDir.resolve("sql-users");
    }

    public Path file() {
        return file;
    }

    public List<SqlUser> list() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<SqlUser> users = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split("\t");
                if (fields.length != 3) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected name, hash and tables separated by tabs");
                }
                users.add(new SqlUser(fields[0], fields[1], List.of(fields[2].split(","))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return List.copyOf(users);
    }

    public Optional<SqlUser> find(String name) {
        return list().stream().filter(user -> user.name().equals(name)).findFirst();
    }

    /** The user, if the password is theirs; a missing user costs a hash check too, so timing tells nothing. */
    public Optional<SqlUser> authenticate(String name, String password) {
        Optional<SqlUser> user = find(name);
        String hash = user.map(SqlUser::hash).orElse(UNKNOWN_USER_HASH);
        boolean matches = password != null && BCRYPT.matches(password, hash);
        return matches ? user : Optional.empty();
    }

    private static final String UNKNOWN_USER_HASH = BCRYPT.encode("no user has this password " + System.nanoTime());

    /** Adds a user or replaces its password and tables. */
    public synchronized void add(String name, String password, String tables) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("User name '" + name + "' must be 1-64 letters, digits, '_', '.', '@' or '-'");
        }
        if (password == null || password.length() < 8) {
            throw new IllegalArgumentException("The password for " + name + " must have at least 8 characters");
        }
        List<String> patterns = List.of(tables.strip().split("\\s*,\\s*"));
        for (String pattern : patterns) {
            if (!TABLE_PATTERN.matcher(pattern).matches()) {
                throw new IllegalArgumentException("--tables: '" + pattern + "' is no table name or pattern (letters, digits, '_' and '*')");
            }
        }
        List<SqlUser> users = new ArrayList<>(list());
        users.removeIf(user -> user.name().equals(name));
        users.add(new SqlUser(name, BCRYPT.encode(password), patterns));
        write(users);
    }

    /** Returns false when there was no such user. */
    public synchronized boolean remove(String name) {
        List<SqlUser> users = new ArrayList<>(list());
        boolean removed = users.removeIf(user -> user.name().equals(name));
        if (removed) {
            write(users);
        }
        return removed;
    }

    private void write(List<SqlUser> users) {
        StringBuilder text = new StringBuilder("# baton sql-server users: name, bcrypt hash, tables (baton sql-user add|remove|list)\n");
        for (SqlUser user : users) {
            text.append(user.name()).append('\t').append(user.hash()).append('\t').append(String.join(",", user.tables())).append('\n');
        }
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.writeString(next, text, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions protect it
            }
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
