package dev.baton.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The shell's input at a terminal: JLine line editing, a history file kept across sessions, and Tab completion of
 * table names. Ctrl-C while a statement runs calls {@code onInterrupt} (the shell cancels the statement) instead of
 * ending the JVM; Ctrl-C at the prompt clears what was typed. Only used when stdin is a terminal: piped scripts keep
 * the plain reader, byte for byte.
 */
final class ShellTerminal implements Shell.LineSource, Closeable {

    private final Terminal terminal;
    private final LineReader reader;

    private ShellTerminal(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
    }

    static ShellTerminal open(Path database, Path history, Runnable onInterrupt) throws IOException {
        Files.createDirectories(history.getParent());
        Terminal terminal = TerminalBuilder.builder().system(true).build();
        // Outside readLine the terminal is in its normal mode, so Ctrl-C arrives as SIGINT: cancel, don't exit.
        terminal.handle(Terminal.Signal.INT, signal -> onInterrupt.run());
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("baton")
                .completer(new TableCompleter(database))
                .variable(LineReader.HISTORY_FILE, history)
                // '!' is SQL (!=, !~~), not a history reference.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .build();
        return new ShellTerminal(terminal, reader);
    }

    @Override
    public String read(String prompt) throws IOException {
        try {
            return reader.readLine(prompt);
        } catch (UserInterruptException e) {
            throw new InterruptedIOException("line cleared");
        } catch (EndOfFileException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            reader.getHistory().save();
        } finally {
            terminal.close();
        }
    }
}
