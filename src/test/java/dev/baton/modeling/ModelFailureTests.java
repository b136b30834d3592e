package dev.baton.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A model that runs DuckDB out of memory fails with one line naming the model, the limit and the setting to raise. */
class ModelFailureTests {

    private static final Model MODEL = new Model("mart_big", "marts", "one row", List.of(), List.of(), "select 1", "");

    @Test
    void outOfMemoryNamesTheModelTheLimitAndTheSetting() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            statement.execute("set memory_limit = '32MB'");
            // one list of 50 million integers (400 MB) cannot be spilled to disk
            SQLException failure = catchThrowableOfType(SQLException.class,
                    () -> statement.execute("select len(list(i)) from range(50000000) as numbers(i)"));
            assertThat(failure.getMessage()).contains("Out of Memory");

            String message = ModelFailure.of(MODEL, failure, connection).getMessage();

            assertThat(message).startsWith("model mart_big (sql/marts/mart_big.sql) ran out of memory under DuckDB's memory_limit of 30.5 MiB:"
                    + " raise baton.duckdb.memory-limit (e.g. -Dbaton.duckdb.memory-limit=8GB)").doesNotContain("\n");
        }
    }

    @Test
    void anyOtherFailureNamesTheModelAndKeepsDuckDbsMessage() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            SQLException failure = catchThrowableOfType(SQLException.class, () -> statement.execute("select * from no_such_table"));

            assertThat(ModelFailure.of(MODEL, failure, connection).getMessage())
                    .startsWith("model mart_big (sql/marts/mart_big.sql) failed: Catalog Error: Table with name no_such_table does not exist");
        }
    }
}
