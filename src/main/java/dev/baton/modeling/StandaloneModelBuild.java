package dev.baton.modeling;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import dev.baton.jobs.RunParameters;
import dev.baton.warehouse.BatonProperties;
import dev.baton.warehouse.ProjectFiles;

/**
 * The model build without Spring Batch around it, for the benchmark's engine floor: the same SQL, in the same
 * order, on a connection the caller owns. (Not the {@code model_builds} table: {@link BuildLedger} keeps that.)
 */
public final class StandaloneModelBuild {

    private StandaloneModelBuild() {
    }

    public static int build(Connection connection, ProjectFiles projectFiles, BatonProperties properties, LocalDate runDate,
            List<String> layers) throws SQLException {
        ModelStepKind models = new ModelStepKind(projectFiles, null, properties);
        StepAttempt.forget(connection); // always a first attempt: the floor measures a whole night's build
        return models.buildModels(connection, new RunParameters("floor", runDate, Path.of(".")), layers);
    }
}
