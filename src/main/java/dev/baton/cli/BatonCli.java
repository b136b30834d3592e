package dev.baton.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import dev.baton.warehouse.Redaction;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code baton <command>}. Exit codes: 0 success, 1 the job failed, 2 bad usage or configuration
 * (with a one-line reason on stderr).
 */
@Command(name = "baton", mixinStandardHelpOptions = true, version = "baton 0.1.0",
        description = "Batch data warehouse for SaaS revenue teams.",
        subcommands = {RunCommand.class, GenerateCommand.class, QueryCommand.class, ShellCommand.class, PublishCommand.class,
                ValidateCommand.class, StatusCommand.class, RecoverCommand.class, BackfillCommand.class, ServeCommand.class,
                BenchCommand.class, SqlServerCommand.class, SqlUserCommand.class, ReportCommand.class, CatalogCommand.class,
                TestCommand.class})
public final class BatonCli {

    static final int OK = 0;
    static final int JOB_FAILED = 1;
    static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new BatonCli());
        commandLine.registerConverter(LocalDate.class, BatonCli::date);
        // A mistyped option or value: one line naming it, not the usage page (--help prints that).
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine cmd = exception.getCommandLine();
            cmd.getErr().println("baton: " + oneLine(exception) + " (see: " + cmd.getCommandSpec().qualifiedName() + " --help)");
            return USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("baton: " + oneLine(exception));
            return exception instanceof IllegalArgumentException ? USAGE : JOB_FAILED;
        });
        return commandLine.execute(args);
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a date YYYY-MM-DD");
        }
    }

    static String oneLine(Throwable exception) {
        String message = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
        return Redaction.redact(message.replace('\n', ' '));
    }
}
