package dev.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.baton.cli.ResultPrinter.Format;
import dev.baton.support.Scenarios;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baton shell} against a real DuckDB file, fed through stdin as an analyst's terminal or a script would. */
class ShellIntegrationTests {

    @TempDir
    Path warehouse;

    @Test
    void runsStatementsAcrossLinesKeepsGoingAfterErrorsAndNeverWrites() throws Exception {
        // given a published warehouse with two accounts, one of them with formula-like and JSON-hostile text
        createWarehouse(warehouse.resolve("warehouse.duckdb"), "night 1");
        Path leak = warehouse.resolve("leak.csv");
        String input = String.join("\n",
                "select account_id,",
                "       name   -- a comment; not the end",
                "from accounts",
                "order by account_id;",
                "select * from no_such_table;",
                "select count(*) as n, ';' as semicolon from accounts;",
                "create table hack (x integer);",
                "insert into accounts values (3, 'Mallory', null);",
                "copy accounts to '" + leak + "';",
                ".tables",
                ".format csv",
                "select name, note from accounts order by account_id;",
                ".format json",
                "select account_id, name, note from accounts order by account_id;",
                ".format yaml",
                ".quit",
                "select 'never printed' as after_quit;",
                "");

        // when the shell reads it from stdin
        Scenarios.Captured shell = withStdin(input, () -> BatonCli.execute("shell", "--warehouse", warehouse.toString()));

        // then every good statement printed its result, in the format chosen at that point, and the script's exit
        // status says that some failed
        assertThat(shell.exitCode()).isEqualTo(1);
        String expected = String.join("\n",
                "account_id | name",
                "-----------+-----",
                "         1 | Acme",
                "         2 | =cmd",
                "(2 rows)",
                "n | semicolon",
                "--+----------",
                "2 | ;",
                "(1 row)",
                "name     | type  | rows",
                "---------+-------+-----",
                "accounts | table |    2",
                "named    | view  |    2",
                "night    | table |    1",
                "(3 rows)",
                // CSV: formula-like text gets a leading ', quotes are doubled, the newline stays inside quotes
                "name,note",
                "Acme,'+1 for renewal",
                "'=cmd,\"'@SUM(A1) \"\"quoted\"\"\\path",
                "next line\"",
                // JSON: numbers stay numbers; quote, backslash and newline are escaped
                "[{\"account_id\":1,\"name\":\"Acme\",\"note\":\"+1 for renewal\"},"
                        + "{\"account_id\":2,\"name\":\"=cmd\",\"note\":\"@SUM(A1) \\\"quoted\\\"\\\\path\\nnext line\"}]",
                "");
        assertThat(shell.out()).isEqualTo(expected);
        // and each failure printed exactly one line: the missing table, the three writes, the unknown format
        List<String> errors = shell.err().lines().toList();
        assertThat(errors).hasSize(5).allMatch(line -> line.startsWith("Error: "));
        assertThat(errors.get(0)).contains("no_such_table");
        assertThat(errors.get(1)).contains("read-only");
        assertThat(errors.get(2)).contains("read-only");
        assertThat(errors.get(3)).contains("file system operations are disabled");
        assertThat(errors.get(4)).contains("Unknown format 'yaml'");
        // and nothing was written: no file, no table, no row
        assertThat(leak).doesNotExist();
        Scenarios.Captured after = Scenarios.capture(() -> BatonCli.execute("query", "--warehouse", warehouse.toString(),
                "select count(*) as n from information_schema.tables where table_name = 'hack'"
                        + " union all select count(*) from accounts"));
        assertThat(after.out()).isEqualTo("n\n-\n0\n2\n(2 rows)\n");
    }

    @Test
    void eachStatementSeesTheWarehouseAsPublishedAtThatMoment() throws Exception {
        // given a shell that has already answered one statement on night 1
        Path published = warehouse.resolve("warehouse.duckdb");
        createWarehouse(published, "night 1");
        Typing typing = Typing.into(published);
        PipedOutputStream keyboard = typing.keyboard();
        ByteArrayOutputStream out = typing.out();
        ByteArrayOutputStream err = typing.err();
        Shell shell = typing.shell();
        CompletableFuture<Integer> running = typing.running();
        keyboard.write("select label from night;\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!out.toString(StandardCharsets.UTF_8).contains("night 1") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }

        // when the next night is published the way publishing does it: a new file renamed over the old name
        Path next = warehouse.resolve("next.duckdb");
        createWarehouse(next, "night 2");
        Files.move(next, published, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        keyboard.write("select label from night;\n".getBytes(StandardCharsets.UTF_8));
        keyboard.close();

        // then the shell's next statement sees night 2: it held no connection between statements
        assertThat(running.get(30, TimeUnit.SECONDS)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("label\nnight 1\nlabel\nnight 2\n");
    }

    @Test
    void quitInsideAnUnfinishedStatementQuitsWithoutRunningIt() throws Exception {
        // given a script that starts a statement, never ends it, and quits
        createWarehouse(warehouse.resolve("warehouse.duckdb"), "night 1");
        String input = String.join("\n",
                "select label",
                "from night",
                ".quit",
                "select 'never printed' as after_quit;",
                "");

        // when the shell reads it from stdin
        Scenarios.Captured shell = withStdin(input, () -> BatonCli.execute("shell", "--warehouse", warehouse.toString()));

        // then it quit at .quit: nothing ran, nothing failed, and .quit was not read as part of the statement
        assertThat(shell.exitCode()).isZero();
        assertThat(shell.out()).isEmpty();
        assertThat(shell.err()).isEmpty();
    }

    @Test
    void aFailedStatementMakesThePipedScriptExitOneWhileLaterStatementsStillRun() throws Exception {
        // given a script whose middle statement fails
        createWarehouse(warehouse.resolve("warehouse.duckdb"), "night 1");
        String input = "select 1 as a;\nselect * from no_such_table;\nselect 2 as b;\n";

        // when the shell reads it from stdin in CSV
        Scenarios.Captured shell = withStdin(input,
                () -> BatonCli.execute("shell", "--warehouse", warehouse.toString(), "--format", "csv"));

        // then the statement after the failure ran, one error line was printed, and the exit status is 1
        assertThat(shell.out()).isEqualTo("a\n1\nb\n2\n");
        assertThat(shell.err().lines().toList()).singleElement().asString().startsWith("Error: ").contains("no_such_table");
        assertThat(shell.exitCode()).isEqualTo(1);
    }

    @Test
    void cancelStopsTheRunningStatementAndTheShellGoesOn() throws Exception {
        // given a shell running a statement that would take minutes (10^11 rows summed)
        Path published = warehouse.resolve("warehouse.duckdb");
        createWarehouse(published, "night 1");
        Typing typing = Typing.into(published);
        PipedOutputStream keyboard = typing.keyboard();
        ByteArrayOutputStream out = typing.out();
        ByteArrayOutputStream err = typing.err();
        Shell shell = typing.shell();
        CompletableFuture<Integer> running = typing.running();
        keyboard.write("select sum(x) as s from range(100000000000) t(x);\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();

        // when Ctrl-C's handler cancels it (repeatedly until it lands: the statement may not have started yet)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (err.size() == 0 && System.nanoTime() < deadline) {
            shell.cancel();
            Thread.sleep(50);
        }
        keyboard.write("select label from night;\n".getBytes(StandardCharsets.UTF_8));
        keyboard.close();

        // then the long statement failed as interrupted, and the next one still ran
        assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .startsWith("Error: ").containsIgnoringCase("interrupt");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("label\nnight 1\n");
    }

    @Test
    void completesTableNamesFromThePublishedWarehouseAndDotCommandsAtTheStart() throws Exception {
        // given a published warehouse with tables accounts and night and a view named
        Path published = warehouse.resolve("warehouse.duckdb");
        createWarehouse(published, "night 1");
        TableCompleter completer = new TableCompleter(published);
        DefaultParser parser = new DefaultParser();

        // when Tab is pressed inside a statement, and at the start of a line after '.'
        List<Candidate> inStatement = new ArrayList<>();
        completer.complete(null, parser.parse("select * from ni", 16, Parser.ParseContext.COMPLETE), inStatement);
        List<Candidate> atStart = new ArrayList<>();
        completer.complete(null, parser.parse(".ta", 3, Parser.ParseContext.COMPLETE), atStart);

        // then the candidates are every table and view (the reader filters by prefix), and the dot commands
        assertThat(inStatement).extracting(Candidate::value).containsExactly("accounts", "named", "night");
        assertThat(atStart).extracting(Candidate::value).containsExactly(".tables", ".format", ".help", ".quit", ".exit");
        // and a missing warehouse gives no candidates rather than an error under the cursor
        assertThat(new TableCompleter(warehouse.resolve("missing.duckdb")).tableNames()).isEmpty();
    }

    @Test
    void splitsStatementsOnlyAtSemicolonsOutsideQuotesAndComments() {
        Shell.StatementSplitter splitter = new Shell.StatementSplitter();
        assertThat(splitter.add("select 'a;b' as \"x;y\" /* c; */, 1; select")).containsExactly("select 'a;b' as \"x;y\" /* c; */, 1");
        assertThat(splitter.isEmpty()).isFalse();
        assertThat(splitter.add("  2 -- d;")).isEmpty();
        assertThat(splitter.add(";")).containsExactly("select\n  2");
        assertThat(splitter.isEmpty()).isTrue();
    }

    /** A shell reading what the test types, running on its own thread, its output kept. */
    private record Typing(PipedOutputStream keyboard, ByteArrayOutputStream out, ByteArrayOutputStream err, Shell shell,
            CompletableFuture<Integer> running) {

        static Typing into(Path published) throws Exception {
            PipedOutputStream keyboard = new PipedOutputStream();
            InputStream stdin = new PipedInputStream(keyboard);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Shell shell = new Shell(published, Format.CSV, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), false);
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return shell.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            return new Typing(keyboard, out, err, shell, running);
        }
    }

    private static void createWarehouse(Path file, String night) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
                Statement statement = connection.createStatement()) {
            statement.execute("create table accounts (account_id integer, name varchar, note varchar)");
            statement.execute("insert into accounts values (1, 'Acme', '+1 for renewal'),"
                    + " (2, '=cmd', '@SUM(A1) \"quoted\"\\path' || chr(10) || 'next line')");
            statement.execute("create view named as select name from accounts");
            statement.execute("create table night as select '" + night + "' as label");
            statement.execute("checkpoint");
        }
    }

    private static Scenarios.Captured withStdin(String input, Callable<Integer> command) throws Exception {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return Scenarios.capture(command);
        } finally {
            System.setIn(original);
        }
    }
}
