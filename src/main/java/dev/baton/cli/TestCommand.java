package dev.baton.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.baton.modeling.ModelTests;
import dev.baton.warehouse.ProjectFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code baton test [model...]}: the model unit tests ({@code sql/<layer>/<model>.test.yml}), each case in an
 * in-memory DuckDB. No Spring context and no warehouse: it reads only the project's sql/ folder.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = "Run the model unit tests (sql/<layer>/<model>.test.yml): exit 0 all pass, 1 a case fails, 2 a malformed test file.")
final class TestCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "MODEL", description = "Models whose tests to run (default: every model's).")
    List<String> models = new ArrayList<>();

    @Option(names = "--project-dir", defaultValue = "${env:BATON_PROJECT_DIR}",
            description = "Folder with sql/ (default: the copies inside the jar).")
    Path projectDir;

    @Override
    public Integer call() {
        ProjectFiles files = new ProjectFiles(projectDir);
        try {
            ModelTests.Summary summary = ModelTests.run(files, models, System.out);
            return summary.allPassed() ? BatonCli.OK : BatonCli.JOB_FAILED;
        } catch (IllegalArgumentException e) {
            System.err.println("baton: " + BatonCli.oneLine(e));
            return BatonCli.USAGE;
        }
    }
}
