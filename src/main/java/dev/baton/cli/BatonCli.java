package dev.baton.cli;

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
                BenchCommand.class, SqlServerCommand.class, SqlUserCommand.class, ReportCommand.class})
public final class BatonCli {

    static final int OK = 0;
    static final int JOB_FAILED = 1;
    static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new BatonCli());
        commandLine.setExecutionExceptionHandler((exception, cmd, parseResult) -> {
            cmd.getErr().println("baton: " + oneLine(exception));
            return exception instanceof IllegalArgumentException ? USAGE : JOB_FAILED;
        });
        return commandLine.execute(args);
    }

    static String oneLine(Throwable exception) {
        String message = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
        return dev.baton.warehouse.Redaction.redact(message.replace('\n', ' '));
    }
}
