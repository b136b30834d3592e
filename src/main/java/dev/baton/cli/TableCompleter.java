package dev.baton.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion for {@code baton shell}: the dot commands at the start of a line, else the published warehouse's
 * tables and views. The names are read at each Tab through a fresh connection, like every statement, so they follow
 * the night published since the shell started; the reader keeps only those matching the typed prefix.
 */
final class TableCompleter implements Completer {

    static final List<String> COMMANDS = List.of(".tables", ".format", ".help", ".quit", ".exit");

    private final Path database;

    TableCompleter(Path database) {
        this.database = database;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0 && line.word().startsWith(".")) {
            COMMANDS.forEach(command -> candidates.add(new Candidate(command)));
            return;
        }
        tableNames().forEach(name -> candidates.add(new Candidate(name)));
    }

    /** Tables and views of the published warehouse, or none when it cannot be read: Tab must never fail. */
    List<String> tableNames() {
        List<String> names = new ArrayList<>();
        try (Connection connection = LockedDownConnection.open(database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "select table_name from information_schema.tables where table_schema = 'main' order by table_name")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        } catch (SQLException | RuntimeException e) {
            return List.of();
        }
        return names;
    }
}
