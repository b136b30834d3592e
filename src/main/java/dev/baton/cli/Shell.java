package dev.baton.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.baton.cli.ResultPrinter.Format;
import dev.baton.cli.ResultPrinter.Result;
import dev.baton.warehouse.DuckDbFiles;

/**
 * The loop behind {@code baton shell}: reads SQL statements ending with {@code ;} (they may span lines) and dot
 * commands from a stream, and prints each result in the current format. A failing statement prints one line and
 * the loop goes on.
 *
 * <p>Every statement opens its own read-only connection and closes it. Inside one JVM DuckDB keeps one database
 * instance per path for as long as <em>any</em> connection to that path is open, and that instance keeps the
 * snapshot of the file it first opened: a shell holding a connection between statements would never see the
 * next night, and would hold the file open for as long as the analyst's terminal stays open.
 */
final class Shell {

    static final String HELP = """
            Statements end with ';' and may span lines. Each statement is read-only and sees the warehouse as
            published at that moment (settings made with SET do not carry over to the next statement).
              .tables               tables and views with their row counts
              .format table|csv|json  how results are printed
              .help                 this text
              .quit                 leave (end of input does too)""";

    /** Where lines come from: a plain stream, or a terminal with line editing ({@link ShellTerminal}). */
    interface LineSource {
        /**
         * Returns the next line, null at the end of input; throws {@link InterruptedIOException} when the user
         * cleared the input with Ctrl-C.
         */
        String read(String prompt) throws IOException;
    }

    private final Path database;
    private final LineSource in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private Format format;
    private int failures;
    private volatile Statement running;

    Shell(Path database, Format format, InputStream in, PrintStream out, PrintStream err, boolean interactive) {
        this(database, format, plain(in, out, interactive), out, err, interactive);
    }

    Shell(Path database, Format format, LineSource in, PrintStream out, PrintStream err, boolean interactive) {
        this.database = database;
        this.format = format;
        this.in = in;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    private static LineSource plain(InputStream stream, PrintStream out, boolean interactive) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
        return prompt -> {
            if (interactive) {
                out.print(prompt);
                out.flush();
            }
            return reader.readLine();
        };
    }

    /**
     * Cancels the statement running now, if any (Ctrl-C at a terminal; called from another thread). The statement
     * fails with DuckDB's interrupt error and the shell goes on.
     */
    void cancel() {
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                err.println("Error: could not cancel: " + e.getMessage());
            }
        }
    }

    /** Runs until {@code .quit} or the end of input; returns how many statements or commands failed. */
    int run() throws IOException {
        StatementSplitter splitter = new StatementSplitter();
        if (interactive) {
            out.println("baton shell on " + database + " (read-only). .help for help, .quit to leave.");
        }
        while (true) {
            String line;
            try {
                line = in.read(splitter.isEmpty() ? "baton> " : "   ...> ");
            } catch (InterruptedIOException e) {
                // Ctrl-C at the prompt drops the statement being typed, as psql does.
                splitter = new StatementSplitter();
                continue;
            }
            if (line == null) {
                break;
            }
            if (isQuit(line)) {
                // Even inside an unfinished statement: that statement is dropped, not run.
                splitter = new StatementSplitter();
                break;
            }
            if (splitter.isEmpty() && line.strip().startsWith(".")) {
                if (!command(line.strip())) {
                    break;
                }
                continue;
            }
            for (String sql : splitter.add(line)) {
                execute(sql);
            }
        }
        if (!splitter.isEmpty()) {
            err.println("Error: input ended inside a statement without ';': " + splitter.pending().strip());
            failures++;
        }
        out.flush();
        return failures;
    }

    private static boolean isQuit(String line) {
        String word = line.strip();
        return word.equals(".quit") || word.equals(".exit");
    }

    /** Returns false to stop. */
    private boolean command(String line) {
        String[] words = line.split("\\s+", 2);
        switch (words[0]) {
            case ".quit", ".exit" -> {
                return false;
            }
            case ".help" -> out.println(HELP);
            case ".format" -> {
                if (words.length < 2) {
                    out.println(format.name().toLowerCase(Locale.ROOT));
                } else {
                    try {
                        format = Format.parse(words[1]);
                    } catch (IllegalArgumentException e) {
                        fail(e);
                    }
                }
            }
            case ".tables" -> tables();
            default -> {
                err.println("Error: unknown command " + words[0] + "; .help lists the commands");
                failures++;
            }
        }
        return true;
    }

    private void execute(String sql) {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            running = statement;
            if (statement.execute(sql)) {
                try (ResultSet rows = statement.getResultSet()) {
                    ResultPrinter.print(Result.of(rows), format, out);
                }
            } else {
                out.println("OK");
            }
        } catch (SQLException | RuntimeException e) {
            fail(e);
        } finally {
            running = null;
        }
        out.flush();
    }

    private void tables() {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet tables = statement.executeQuery("select table_name, case table_type when 'VIEW' then 'view' else 'table' end"
                    + " from information_schema.tables where table_schema = 'main' order by table_name")) {
                while (tables.next()) {
                    rows.add(new ArrayList<>(List.of(tables.getString(1), tables.getString(2))));
                }
            }
            for (List<String> row : rows) {
                try (ResultSet count = statement.executeQuery("select count(*) from " + DuckDbFiles.quoteIdentifier(row.get(0)))) {
                    count.next();
                    row.add(count.getString(1));
                }
            }
            ResultPrinter.print(new Result(List.of("name", "type", "rows"), List.of(false, false, true), rows), format, out);
        } catch (SQLException | RuntimeException e) {
            fail(e);
        }
    }

    private Connection open() throws SQLException {
        return LockedDownConnection.open(database);
    }

    private void fail(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println("Error: " + message.strip().lines().findFirst().orElse(message));
        err.flush();
        failures++;
    }

    /**
     * Cuts input into statements at each {@code ;} outside string literals, quoted identifiers and comments, so
     * {@code select ';'} stays one statement.
     */
    static final class StatementSplitter {

        private final StringBuilder pending = new StringBuilder();
        private char quote;
        private boolean blockComment;

        List<String> add(String line) {
            List<String> statements = new ArrayList<>();
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
                if (blockComment) {
                    if (c == '*' && next == '/') {
                        blockComment = false;
                        pending.append("*/");
                        i++;
                        continue;
                    }
                } else if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '-' && next == '-') {
                    break;
                } else if (c == '/' && next == '*') {
                    blockComment = true;
                    pending.append("/*");
                    i++;
                    continue;
                } else if (c == ';') {
                    if (!pending.toString().isBlank()) {
                        statements.add(pending.toString().strip());
                    }
                    pending.setLength(0);
                    continue;
                }
                pending.append(c);
            }
            if (!pending.isEmpty()) {
                pending.append('\n');
            }
            return statements;
        }

        boolean isEmpty() {
            return pending.toString().isBlank() && quote == 0 && !blockComment;
        }

        String pending() {
            return pending.toString();
        }
    }
}
